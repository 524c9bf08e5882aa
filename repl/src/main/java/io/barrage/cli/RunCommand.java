package io.barrage.cli;

import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunOptions;
import io.barrage.engine.run.Segment;
import io.barrage.engine.summary.RunSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code barrage run SCRIPT}: one test, a live progress line, the summary, results and the exit code. */
@Command(name = "run", addMethodSubcommands = false, description = "Run a scenario script: live progress, a summary, results, an exit code.",
        footer = {"", "Exit codes: 0 passed · 1 assertions failed · 2 bad script or usage · 3 aborted (stop, guardrail, Ctrl-C) · 4 run error"})
final class RunCommand implements Callable<Integer> {
    @Mixin HelpOption helpOption;

    @Spec CommandSpec spec;
    @Mixin Common common;

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "A .groovy scenario script (or a .java scenario class).")
    Path script;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results", description = "Where results go (default: ${DEFAULT-VALUE}); each run gets DIR/<name>-<time>/.")
    Path out;

    @Option(names = "--no-results", description = "Write no results files.")
    boolean noResults;

    @Option(names = {"-q", "--quiet"}, description = "No live progress; only warnings and the summary.")
    boolean quiet;

    @Option(names = "--segment", paramLabel = "i/N", description = "Run only this share of every scenario (arrivals and users whose index k has k mod N = i).")
    String segment;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "10s", description = "How long in-flight iterations may finish at the end (default: ${DEFAULT-VALUE}).")
    String grace;

    @Option(names = "--warmup", paramLabel = "DURATION|auto", defaultValue = "auto",
            description = "Warm the generator's JIT up first, against an in-process service (never the target): "
                    + "auto = 2s when a scenario starts at 200/s or 50 users or more, else 1s; 0 = none (default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--http-client", paramLabel = "lean|okhttp",
            description = "Run every scenario's HTTP on this client (default: each scenario's choice; auto = lean for HTTP/1.1, OkHttp for HTTP/2).")
    String httpClient;

    @Option(names = "--loops", paramLabel = "N|auto|off", defaultValue = Loops.AUTO,
            description = "Event loops that carry the virtual users (default: ${DEFAULT-VALUE} = one per core, half of them when every "
                    + "target is on this machine; off = the JDK's virtual-thread scheduler).")
    String loops;

    @Option(names = "--control", paramLabel = "[HOST:]PORT",
            description = "Serve the control API (status, metrics, events, pause/resume/rate/users/phase/stop) on HOST:PORT (default host 127.0.0.1).")
    String control;

    @Option(names = "--token", paramLabel = "TOKEN", description = "The control API's bearer token (default: BARRAGE_TOKEN, else one generated and printed).")
    String token;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        java.util.Map<String, String> params = common.params();
        Segment seg;
        Duration graceful;
        Duration warm = null;
        ControlAddress where = control == null ? null : ControlAddress.parse(control);
        try {
            seg = segment == null ? Segment.ALL : Segment.parse(segment);
            graceful = io.barrage.engine.format.Durations.parse(grace);
            if (!"auto".equals(warmup)) warm = "0".equals(warmup.trim()) ? Duration.ZERO : io.barrage.engine.format.Durations.parse(warmup);
            if (httpClient != null) {
                if (!httpClient.equals("lean") && !httpClient.equals("okhttp")) {
                    throw new IllegalArgumentException("--http-client must be lean or okhttp, not '" + httpClient + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (httpClient == null) return runScript(stdout, params, seg, graceful, warm, where);
        String before = System.getProperty(io.barrage.http.HttpClients.FORCE_PROPERTY);
        System.setProperty(io.barrage.http.HttpClients.FORCE_PROPERTY, httpClient);
        try {
            return runScript(stdout, params, seg, graceful, warm, where);
        } finally {
            if (before == null) System.clearProperty(io.barrage.http.HttpClients.FORCE_PROPERTY);
            else System.setProperty(io.barrage.http.HttpClients.FORCE_PROPERTY, before);
        }
    }

    private int runScript(PrintWriter stdout, java.util.Map<String, String> params, Segment seg, Duration graceful, Duration warm,
                          ControlAddress where) throws Exception {
        Scripts.Loaded loaded = Scripts.load(script, params);
        ControlAddress.Bound api = null;
        try {
            // what could still stop the run, said before anything runs: the results directory, the control API's address
            if (!noResults) OutDir.prepare("--out", out);
            if (where != null) api = where.bind(token);
        } catch (UsageException | IllegalArgumentException | java.io.IOException e) {
            for (AutoCloseable r : loaded.plan().resources()) r.close();
            throw e instanceof UsageException u ? u : new UsageException(e.getMessage());
        }
        if (warm == null) warm = Warmup.auto(loaded.plan());
        for (String w : loaded.warnings()) stdout.println("! " + w);
        boolean terminal = !quiet && Terminals.interactive();
        ConsoleReporter console = new ConsoleReporter(stdout, terminal, !quiet);
        int loopCount = Loops.forCommand(loops, loaded.plan());
        RunOptions options = RunOptions.defaults().withSegment(seg).withGracefulStop(graceful).withVersion(Version.get())
                .withListeners(List.of(console)).withResultsDir(noResults ? null : out).withLoops(loopCount);
        stdout.println("barrage " + Version.get() + " · " + loaded.plan().name() + " · " + loaded.plan().scenarios().size()
                + (loaded.plan().scenarios().size() == 1 ? " scenario" : " scenarios")
                + (seg.count() > 1 ? " · segment " + seg : "") + " · Ctrl-C stops it cleanly");
        if (api != null) api.announce(stdout);
        stdout.flush();
        if (!warm.isZero()) {
            Warmup.Load load = Warmup.load(loaded.plan(), loopCount);
            if (!quiet) {
                stdout.println("warming the generator up for " + io.barrage.engine.format.Durations.format(warm) + " (up to "
                        + load.describe() + " against an in-process service; the target sees none of it; --warmup 0 skips it)");
                stdout.flush();
            }
            Warmup.run(warm, load, loopCount);
        }
        Run run = Run.start(loaded.plan(), options);
        Signals.onStop(run);
        if (api != null) api.api().serve(run);
        RunSummary summary;
        try {
            summary = run.await();
        } finally {
            if (api != null) {
                // a moment for attached consoles to see the end before the API goes away
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                api.api().close();
            }
        }
        console.finish();
        stdout.print(SummaryPrinter.render(summary, run.resultsDir()));
        stdout.flush();
        return summary.exitCode();
    }
}
