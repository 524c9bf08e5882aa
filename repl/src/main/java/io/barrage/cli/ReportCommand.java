package io.barrage.cli;

import io.barrage.engine.results.HtmlReport;
import io.barrage.engine.results.JUnitXml;
import io.barrage.engine.results.ResultsReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code barrage report DIR}: report.html (and junit.xml) rebuilt from a run's results directory. */
@Command(name = "report", addMethodSubcommands = false, description = "Rebuild report.html of a run from its results directory (summary.json, intervals.hlog, events.jsonl).")
final class ReportCommand implements Callable<Integer> {
    @Mixin HelpOption helpOption;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A run's results directory (results/<name>-<time>/).")
    Path dir;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where the report goes (default: DIR/report.html).")
    Path out;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the verdict as JUnit XML to FILE.")
    Path junit;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (!Files.isDirectory(dir)) throw new UsageException("report " + dir + ": not a directory (give a run's results directory, such as results/quickstart-20261204-101500)");
        if (!Files.isRegularFile(dir.resolve("summary.json"))) {
            throw new UsageException("report " + dir + ": no summary.json in it (is it a run's results directory? runs are its subdirectories)");
        }
        ResultsReader.Results results;
        try {
            results = ResultsReader.read(dir);
        } catch (IOException | RuntimeException e) {
            throw new UsageException("report " + dir + ": cannot read the results (" + e.getMessage() + ")");
        }
        Path file = out != null ? out : dir.resolve("report.html");
        if (junit != null) {
            try {
                JUnitXml.checkFile("--junit ", junit);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        HtmlReport.write(results, file.toAbsolutePath());
        stdout.println("report: " + file);
        if (junit != null) {
            JUnitXml.write(results.summary(), junit);
            stdout.println("junit: " + junit);
        }
        return 0;
    }
}
