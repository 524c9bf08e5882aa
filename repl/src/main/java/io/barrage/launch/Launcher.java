package io.barrage.launch;

import io.barrage.dsl.ScenarioCompiler;
import io.barrage.dsl.ScriptException;
import io.barrage.engine.output.OutputSpec;
import io.barrage.engine.output.Outputs;
import io.barrage.engine.results.ResultsDirectory;
import io.barrage.engine.results.ResultsWriter;
import io.barrage.engine.summary.RunSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Launches a scenario file — a Groovy script or a Java scenario class — with typed {@link
 * LaunchOptions}: a summary and an exit code out. What the command line, the REPL and anything else
 * that runs barrage in a JVM share; they only present it.
 *
 * <p>A launch goes {@link #load} (the script compiled and validated, the results directory and the
 * outputs checked: bad input is a {@link LaunchException}, before anything runs) → {@link
 * LoadedLaunch#prepare()} (the warm-up, then the run prepared up to its first arrival) → {@link
 * PreparedLaunch#start()} or {@link PreparedLaunch#startAt} → {@link PreparedLaunch#await()}.
 * {@link #prepare} and {@link #launch} take several steps at once.
 */
public final class Launcher {
    private final Outputs outputs;
    private final Path scriptCache;
    private final boolean ownScriptCache;

    /** A launcher with barrage's built-in outputs and the user's cache of compiled scripts. */
    public Launcher() {
        this(builtInOutputs());
    }

    /** A launcher whose {@link LaunchOptions#outputs} are built by {@code outputs}. */
    public Launcher(Outputs outputs) {
        this(outputs, null, false);
    }

    private Launcher(Outputs outputs, Path scriptCache, boolean ownScriptCache) {
        this.outputs = outputs;
        this.scriptCache = scriptCache;
        this.ownScriptCache = ownScriptCache;
    }

    /** The results directory's output name: {@code results} or {@code results:dir=DIR}. */
    public static final String RESULTS = "results";
    /** The Prometheus scrape endpoint's output name: {@code prometheus:port=9464,host=…,linger=…}. */
    public static final String PROMETHEUS = "prometheus";
    /** Prometheus remote write: {@code remote-write:url=…,native=auto|true|false}. */
    public static final String REMOTE_WRITE = "remote-write";
    /** The Pushgateway: {@code pushgateway:url=…,job=barrage,keep=false}. */
    public static final String PUSHGATEWAY = "pushgateway";
    /** The verdict as JUnit XML: {@code junit} or {@code junit:file=PATH}. */
    public static final String JUNIT = "junit";
    /** report.html in the results directory at the end: {@code report}. */
    public static final String REPORT = "report";
    /** The live web dashboard: {@code dashboard:port=9465,host=…,token=…}. */
    public static final String DASHBOARD = "dashboard";

    /**
     * The outputs barrage has built in, a registry of their own for a caller to add to: {@value
     * #RESULTS} (the results directory; {@link LaunchOptions#resultsDir} is the same output, named by
     * a path), {@value #PROMETHEUS} (a scrape endpoint), {@code remote-write}, {@code pushgateway}, {@code junit}, {@code report} and {@code dashboard}.
     */
    public static Outputs builtInOutputs() {
        return new Outputs().register(RESULTS, ResultsWriter.FACTORY)
                .register(PROMETHEUS, io.barrage.engine.control.PrometheusEndpoint.FACTORY)
                .register(REMOTE_WRITE, io.barrage.engine.prometheus.RemoteWriteOutput.FACTORY)
                .register(PUSHGATEWAY, io.barrage.engine.prometheus.PushgatewayOutput.FACTORY)
                .register(JUNIT, io.barrage.engine.results.JUnitXml.FACTORY)
                .register(REPORT, io.barrage.engine.results.HtmlReport.FACTORY)
                .register(DASHBOARD, io.barrage.engine.control.DashboardServer.FACTORY);
    }

    /** The registry that builds this launcher's {@link LaunchOptions#outputs}. */
    public Outputs outputs() {
        return outputs;
    }

    /** This launcher with compiled scripts cached in {@code dir} (null: not cached) instead of the user's cache. */
    public Launcher withScriptCache(Path dir) {
        return new Launcher(outputs, dir, true);
    }

    /**
     * Compiles and loads the script into a validated plan, prepares the results directory and builds
     * the outputs: everything that could refuse the launch, done before anything runs. Close what
     * it returns unless it is {@linkplain LoadedLaunch#prepare() prepared}.
     *
     * @throws LaunchException for a bad script, results directory, output or option
     */
    public LoadedLaunch load(LaunchOptions options) {
        for (OutputSpec spec : options.outputs()) check(spec);
        try {
            io.barrage.engine.prometheus.PrometheusSeries.checkLabels(options.labels());
        } catch (IllegalArgumentException e) {
            throw new LaunchException(e.getMessage());
        }
        ScenarioCompiler compiler = compiler();
        Scripts.Loaded loaded;
        try {
            loaded = Scripts.load(compiler, options.script(), options.params(), options.optionalParams(), options.httpClient());
        } catch (ScriptException e) {
            throw new LaunchException(e);
        }
        try {
            if (options.resultsDir() != null) ResultsDirectory.prepare(options.resultsDirName(), options.resultsDir());
            int loops = Loops.count(options.loops(), loaded.plan());
            Duration warmup = options.warmup() != null ? options.warmup() : Warmup.auto(loaded.plan());
            return new LoadedLaunch(options, loaded, loops, warmup, outputs);
        } catch (LaunchException | IllegalArgumentException e) {
            LoadedLaunch.close(loaded.plan());
            throw e instanceof LaunchException l ? l : new LaunchException(e.getMessage());
        } catch (RuntimeException e) {
            LoadedLaunch.close(loaded.plan());
            throw e;
        }
    }

    /**
     * {@link #load} and {@link LoadedLaunch#prepare()}: the warm-up, then the run prepared up to its
     * first arrival, waiting for a start.
     */
    public PreparedLaunch prepare(LaunchOptions options) throws IOException, InterruptedException {
        return load(options).prepare();
    }

    /** The whole launch: loaded, prepared, started at once and awaited. The summary holds the exit code. */
    public RunSummary launch(LaunchOptions options) throws IOException, InterruptedException {
        try (PreparedLaunch launch = prepare(options)) {
            launch.start();
            return launch.await();
        }
    }

    /**
     * Which of {@code given} parameters {@code script} may take: those it names in {@code param('NAME', …)}
     * calls; all of them for a Java scenario or a script that builds names at run time; none when it
     * does not compile. For several scripts given the same parameters ({@link LaunchOptions#optionalParams}).
     */
    public Set<String> paramsTaken(Path script, Set<String> given) {
        return Scripts.takes(compiler(), script, given);
    }

    /** Whether {@code script} is compiled already, so a launch will not compile it (a caller may prepare the compiler meanwhile). */
    public boolean compiled(Path script) {
        return compiler().isCached(script);
    }

    private void check(OutputSpec spec) {
        try {
            outputs.check(spec);
        } catch (IllegalArgumentException e) {
            throw new LaunchException(e.getMessage());
        }
    }

    private ScenarioCompiler compiler() {
        return ownScriptCache ? Scripts.compiler(scriptCache) : Scripts.compiler();
    }
}
