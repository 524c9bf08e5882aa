package io.barrage.cli;

import io.barrage.engine.format.Durations;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.output.OutputSpec;
import io.barrage.engine.output.Outputs;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.Segment;
import io.barrage.engine.summary.RunSummary;
import io.barrage.http.HttpClientChoice;
import io.barrage.launch.LaunchOptions;
import io.barrage.launch.Launcher;
import io.barrage.launch.LoadedLaunch;
import io.barrage.launch.PreparedLaunch;
import io.barrage.launch.WarmupLoad;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Option(names = "--no-report", description = "Write no report.html in the results directory (barrage report DIR makes it later).")
    boolean noReport;

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

    @Option(names = "--keep-data", description = "Do not run the scenarios' teardown: keep what setup made (organisations, users, keys) for inspection.")
    boolean keepData;

    @Option(names = "--http-client", paramLabel = "lean|okhttp",
            description = "Run every scenario's HTTP on this client (default: each scenario's choice; auto = lean for HTTP/1.1, OkHttp for HTTP/2).")
    String httpClient;

    @Option(names = "--loops", paramLabel = "N|auto|off", defaultValue = "auto",
            description = "Event loops that carry the virtual users (default: ${DEFAULT-VALUE} = one per core, half of them when every "
                    + "target is on this machine; off = the JDK's virtual-thread scheduler).")
    String loops;

    @Option(names = "--control", paramLabel = "[HOST:]PORT",
            description = "Serve the control API (status, metrics, events, pause/resume/rate/users/phase/stop) on HOST:PORT (default host 127.0.0.1).")
    String control;

    @Option(names = "--token", paramLabel = "TOKEN", description = "The control API's bearer token (default: BARRAGE_TOKEN, else one generated and printed).")
    String token;

    @Option(names = "--output", paramLabel = "NAME[:key=value,...]",
            description = "Send the run to this output, by name with its settings: results[:dir=DIR] (what --out writes), "
                    + "console[:progress=on|off] (on by default). Repeatable; docs/results.md lists them all.")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--prometheus", paramLabel = "[HOST:]PORT",
            description = "Serve GET /metrics for Prometheus to scrape on HOST:PORT (default host 127.0.0.1): "
                    + "native histograms with classic buckets beside them. Short for --output prometheus:host=HOST,port=PORT.")
    String prometheus;

    @Option(names = "--dashboard", paramLabel = "[HOST:]PORT",
            description = "Serve a live web page of the run on HOST:PORT (default host 127.0.0.1; elsewhere it takes --token), updated every second.")
    String dashboard;

    @Option(names = "--remote-write", paramLabel = "URL",
            description = "Send the run's series by Prometheus remote write every second and at the end (a Prometheus with "
                    + "--web.enable-remote-write-receiver: http://HOST:9090/api/v1/write). Short for --output remote-write:url=URL.")
    String remoteWrite;

    @Option(names = "--pushgateway", paramLabel = "URL",
            description = "Push the run's series to a Pushgateway every second and at the end (http://HOST:9091); the group is deleted "
                    + "at the end (--output pushgateway:url=URL,keep=true keeps it).")
    String pushgateway;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Write the verdict as JUnit XML for CI: a test case per assertion and per scenario. Short for --output junit:file=FILE "
                    + "(--output junit writes junit.xml in the run's results directory).")
    Path junit;

    @Option(names = "--experiment", paramLabel = "ID", description = "An experiment id: the label 'experiment' on every series barrage sends or serves.")
    String experiment;

    @Option(names = "--label", paramLabel = "NAME=VALUE", description = "A label on every series barrage sends or serves (team=search). Repeatable.")
    Map<String, String> labels = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        ControlAddress where = control == null ? null : ControlAddress.parse(control);
        LaunchOptions options = LaunchOptions.of(script).withParams(common.params()).withResultsDir(noResults ? null : out, "--out")
                .withVersion(Version.get());
        try {
            if (segment != null) options = options.withSegment(Segment.parse(segment));
            options = options.withGracefulStop(Durations.parse(grace)).withKeepData(keepData);
            if (!"auto".equals(warmup)) options = options.withWarmup("0".equals(warmup.trim()) ? Duration.ZERO : Durations.parse(warmup));
            if (httpClient != null) {
                options = options.withHttpClient(switch (httpClient) {
                    case "lean" -> HttpClientChoice.LEAN;
                    case "okhttp" -> HttpClientChoice.OKHTTP;
                    default -> throw new IllegalArgumentException("--http-client must be lean or okhttp, not '" + httpClient + "'");
                });
            }
            options = options.withLoops(LaunchOptions.parseLoops(loops));
            List<OutputSpec> specs = new ArrayList<>();
            for (String o : outputs) specs.add(OutputSpec.parse(o));
            if (prometheus != null) {
                ControlAddress at = ControlAddress.parse(prometheus, "--prometheus");
                specs.add(new OutputSpec(Launcher.PROMETHEUS, Map.of("host", at.host(), "port", Integer.toString(at.port()))));
            }
            if (dashboard != null) {
                ControlAddress at = ControlAddress.parse(dashboard, "--dashboard");
                Map<String, String> o = new LinkedHashMap<>(Map.of("host", at.host(), "port", Integer.toString(at.port())));
                String t = token != null ? token : System.getenv(ControlAddress.TOKEN_ENV);
                // off loopback the page takes the control token; on loopback it needs none
                boolean loopback;
                try {
                    loopback = java.net.InetAddress.getByName(at.host()).isLoopbackAddress();
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalArgumentException("--dashboard: unknown host '" + at.host() + "'");
                }
                if (t != null && !loopback) o.put("token", t);
                specs.add(new OutputSpec(Launcher.DASHBOARD, o));
            }
            if (remoteWrite != null) specs.add(new OutputSpec(Launcher.REMOTE_WRITE, Map.of("url", remoteWrite)));
            if (junit != null) specs.add(new OutputSpec(Launcher.JUNIT, Map.of("file", junit.toString())));
            if (pushgateway != null) specs.add(new OutputSpec(Launcher.PUSHGATEWAY, Map.of("url", pushgateway)));
            Map<String, String> runLabels = new LinkedHashMap<>();
            if (experiment != null) {
                if (experiment.isBlank()) throw new IllegalArgumentException("--experiment needs an id");
                runLabels.put("experiment", experiment);
            }
            for (Map.Entry<String, String> l : labels.entrySet()) {
                if (runLabels.put(l.getKey(), l.getValue()) != null) {
                    throw new IllegalArgumentException("label '" + l.getKey() + "' is given twice" + (l.getKey().equals("experiment") ? " (--experiment sets it)" : ""));
                }
            }
            options = options.withLabels(runLabels);
            // the console unless the command line names its own; the results directory is --out's
            // unless the command line names it as an output and not --out
            if (specs.stream().noneMatch(o -> o.name().equals(ConsoleReporter.NAME))) specs.add(0, new OutputSpec(ConsoleReporter.NAME, null));
            boolean namedResults = specs.stream().anyMatch(o -> o.name().equals(Launcher.RESULTS));
            // report.html beside the results, unless there are none or it is not wanted
            boolean writesResults = !noResults || namedResults;
            if (writesResults && !noReport && specs.stream().noneMatch(o -> o.name().equals(Launcher.REPORT))) specs.add(new OutputSpec(Launcher.REPORT, null));
            if (namedResults && noResults) throw new IllegalArgumentException("--no-results and --output results contradict each other: give one");
            if (namedResults && !spec.commandLine().getParseResult().hasMatchedOption("--out")) options = options.withResultsDir(null, "--out");
            options = options.withOutputs(specs);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Outputs registry = Launcher.builtInOutputs().register(ConsoleReporter.NAME, ConsoleReporter.factory(stdout, !quiet && Terminals.interactive(), !quiet));
        LoadedLaunch loaded = new Launcher(registry).load(options);
        ControlAddress.Bound api = null;
        try {
            loaded.checkTargets();   // a Redis that is not there: one line, exit 2, before the banner and the warm-up
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
        try {
            // what could still stop the run, said before anything runs: the control API's address
            if (where != null) api = where.bind(token);
        } catch (UsageException | IllegalArgumentException | java.io.IOException e) {
            loaded.close();
            throw e instanceof UsageException u ? u : new UsageException(e.getMessage());
        }
        for (String w : loaded.warnings()) stdout.println("! " + w);
        TestPlan plan = loaded.plan();
        Segment seg = options.segment();
        stdout.println("barrage " + Version.get() + " · " + plan.name() + " · " + plan.scenarios().size()
                + (plan.scenarios().size() == 1 ? " scenario" : " scenarios")
                + (seg.count() > 1 ? " · segment " + seg : "") + " · Ctrl-C stops it cleanly");
        if (api != null) api.announce(stdout);
        stdout.flush();
        if (!loaded.warmup().isZero() && !quiet) {
            boolean redis = loaded.warmupLoad().redis();
            stdout.println("warming the generator up for " + Durations.format(redis ? loaded.warmup().plus(loaded.warmup().dividedBy(2)) : loaded.warmup())
                    + " (up to " + describe(loaded.warmupLoad()) + " against an in-process service" + (redis ? ", then Redis calls against an in-process stand-in" : "")
                    + "; the target sees none of it; --warmup 0 skips it)");
            stdout.flush();
        }
        PreparedLaunch launch = loaded.prepare();
        for (io.barrage.engine.output.Output o : launch.outputs()) {
            if (o instanceof io.barrage.engine.control.PrometheusEndpoint p) stdout.println("Prometheus metrics at " + p.url());
            if (o instanceof io.barrage.engine.control.DashboardServer d) stdout.println("live dashboard at " + d.url() + (d.needsToken() ? "?token=<the control token>" : ""));
        }
        stdout.flush();
        launch.start();
        Run run = launch.run();
        Signals.onStop(run);
        if (api != null) api.api().serve(run);
        RunSummary summary;
        try {
            summary = launch.await();
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
        stdout.print(SummaryPrinter.render(summary, launch.resultsDir()));
        stdout.flush();
        return summary.exitCode();
    }

    /** The warm-up's load in words: {@code 2000 arrivals/s}, {@code 50 users thinking}, or both. */
    static String describe(WarmupLoad load) {
        String open = load.rate() > 0 ? Fmt.num(load.rate()) + " arrivals/s" : null;
        String closed = load.users() > 0 ? load.users() + " users" + (load.thinks() ? " thinking" : "") : null;
        return open != null && closed != null ? open + " and " + closed : open != null ? open : closed;
    }
}
