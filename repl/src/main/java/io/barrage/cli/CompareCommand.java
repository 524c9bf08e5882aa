package io.barrage.cli;

import io.barrage.engine.compare.Comparison;
import io.barrage.engine.compare.ComparisonFormat;
import io.barrage.engine.compare.Tolerances;
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

/** {@code barrage compare BASE CANDIDATE}: two runs' results, row by row, with verdicts; exit 1 on a regression. */
@Command(name = "compare", addMethodSubcommands = false,
        description = "Compare two runs' results directories per step and phase: percentile deltas with confidence intervals, "
                + "throughput and error rate; a verdict per row and overall.",
        footer = {"", "Exit codes: 0 no regression · 1 a regression · 2 bad usage"})
final class CompareCommand implements Callable<Integer> {
    @Mixin HelpOption helpOption;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASE", description = "The base run's results directory.")
    Path base;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "The candidate run's results directory.")
    Path candidate;

    @Option(names = "--tolerance", paramLabel = "NAME=PCT,...", description = "How far a delta may move: p50, p95, p99, throughput (relative), errors "
            + "(percentage points). Default: p50=10%,p95=10%,p99=20%,throughput=5%,errors=0.5%.")
    String tolerance;

    @Option(names = "--tolerances", paramLabel = "FILE", description = "Tolerances from a file, NAME=PCT per line (then --tolerance on top).")
    Path tolerancesFile;

    @Option(names = "--format", paramLabel = "text|markdown|html", defaultValue = "text", description = "How to print it (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write it to FILE instead of the terminal.")
    Path out;

    @Option(names = "--confidence", paramLabel = "PCT", defaultValue = "95%", description = "The confidence of the intervals (default: ${DEFAULT-VALUE}).")
    String confidence;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        Tolerances tol = Tolerances.DEFAULTS;
        try {
            if (tolerancesFile != null) {
                if (!Files.isRegularFile(tolerancesFile)) throw new IllegalArgumentException("--tolerances " + tolerancesFile + ": no such file");
                tol = tol.withFile(tolerancesFile);
            }
            if (tolerance != null) tol = tol.with(tolerance, "--tolerance");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        double conf = parseConfidence(confidence);
        if (!format.equals("text") && !format.equals("markdown") && !format.equals("html")) {
            throw new UsageException("--format must be text, markdown or html, not '" + format + "'");
        }
        ResultsReader.Results b = read("BASE", base);
        ResultsReader.Results c = read("CANDIDATE", candidate);
        Comparison.Result r = Comparison.compare(b, c, tol, conf, 1000, 42);
        if (r.rows().isEmpty()) throw new UsageException("compare: the two runs have no scenario, step or phase in common");
        String text = switch (format) {
            case "markdown" -> ComparisonFormat.markdown(r);
            case "html" -> ComparisonFormat.html(r);
            default -> ComparisonFormat.text(r);
        };
        if (out != null) {
            Files.writeString(out, text);
            stdout.println("compare: " + r.verdict().words + " · " + out);
        } else {
            stdout.print(text);
        }
        return r.verdict() == Comparison.Verdict.REGRESSION ? 1 : 0;
    }

    private static double parseConfidence(String s) {
        String v = s.strip();
        try {
            double d = Double.parseDouble(v.endsWith("%") ? v.substring(0, v.length() - 1) : v) / (v.endsWith("%") ? 100 : 1);
            if (d < 0.5 || d >= 1) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException("--confidence must be a percentage from 50% to 99.9%, not '" + s + "'");
        }
    }

    private static ResultsReader.Results read(String which, Path dir) {
        if (!Files.isDirectory(dir)) throw new UsageException("compare " + which + " " + dir + ": not a directory (give a run's results directory)");
        if (!Files.isRegularFile(dir.resolve("summary.json"))) {
            throw new UsageException("compare " + which + " " + dir + ": no summary.json in it (is it a run's results directory? runs are its subdirectories)");
        }
        try {
            return ResultsReader.read(dir);
        } catch (IOException | RuntimeException e) {
            throw new UsageException("compare " + which + " " + dir + ": cannot read the results (" + e.getMessage() + ")");
        }
    }
}
