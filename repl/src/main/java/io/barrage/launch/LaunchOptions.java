package io.barrage.launch;

import io.barrage.engine.output.Output;
import io.barrage.engine.output.OutputSpec;
import io.barrage.engine.run.Segment;
import io.barrage.http.HttpClientChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to launch and how: a scenario file and the options of {@code barrage run}, typed. Start from
 * {@link #of(Path)} and change what differs from the defaults with the {@code with…} methods.
 *
 * @param script         a {@code .groovy} scenario script or a {@code .java} scenario class
 * @param params         the script's parameters ({@code -p NAME=VALUE}), each one the script must name
 * @param optionalParams parameters among {@code params} the script need not name (defaults given to
 *                       several scripts, such as {@code barrage repl}'s): one it does not read is left out
 * @param httpClient     every scenario's HTTP on one client, or each scenario's own choice
 * @param loops          event loops that carry the load: {@link #AUTO_LOOPS}, {@link #NO_LOOPS} (the
 *                       JDK's virtual-thread scheduler) or a count from 1 to 1024
 * @param warmup         how long to warm the generator up first against an in-process service;
 *                       null for the default (see {@link LoadedLaunch#warmup()}), {@link Duration#ZERO} for none
 * @param resultsDir     where results go (each run gets {@code DIR/<name>-<time>/}), or null for none
 * @param resultsDirName how the caller names {@code resultsDir} in messages ({@code --out} on the command line)
 * @param segment        the share of every scenario this process runs
 * @param gracefulStop   how long in-flight iterations may finish at the end
 * @param outputs        outputs by name and settings, built through the launcher's registry
 * @param extraOutputs   outputs the caller built itself (a console, a REPL's event printer)
 * @param version        barrage's version, for the summary and results
 * @param labels         the run's labels ({@code experiment} and the user's own), which outputs attach to
 *                       what they send; the run adds {@code run_id}
 * @param keepData       teardown does not run: what setup made is kept for inspection ({@code --keep-data})
 */
public record LaunchOptions(Path script, Map<String, String> params, Set<String> optionalParams, HttpClientChoice httpClient,
                            int loops, Duration warmup, Path resultsDir, String resultsDirName, Segment segment,
                            Duration gracefulStop, List<OutputSpec> outputs, List<Output> extraOutputs, String version,
                            Map<String, String> labels, boolean keepData) {

    /** One event loop per core, or half of them when every target is on this machine (see {@link #loops}). */
    public static final int AUTO_LOOPS = -1;
    /** No event loops: the JDK's virtual-thread scheduler carries the load. */
    public static final int NO_LOOPS = 0;
    /** The most event loops a run may ask for. */
    public static final int MAX_LOOPS = 1024;

    public LaunchOptions {
        if (script == null) throw new IllegalArgumentException("a launch needs a script");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params == null ? Map.of() : params));
        optionalParams = Collections.unmodifiableSet(new LinkedHashSet<>(optionalParams == null ? Set.of() : optionalParams));
        if (httpClient == null) httpClient = HttpClientChoice.SCENARIO;
        if (loops < AUTO_LOOPS || loops > MAX_LOOPS) {
            throw new IllegalArgumentException("event loops: AUTO_LOOPS, NO_LOOPS or a count from 1 to " + MAX_LOOPS + ", not " + loops);
        }
        if (warmup != null && warmup.isNegative()) throw new IllegalArgumentException("a warm-up cannot be negative: " + warmup);
        if (resultsDirName == null) resultsDirName = "the results directory";
        if (segment == null) segment = Segment.ALL;
        if (gracefulStop == null) gracefulStop = Duration.ofSeconds(10);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        extraOutputs = extraOutputs == null ? List.of() : List.copyOf(extraOutputs);
        if (version == null) version = Build.version();
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels == null ? Map.of() : labels));
    }

    /**
     * The defaults for {@code script}: no parameters, each scenario's HTTP client, automatic loops
     * and warm-up, no results directory, the whole load, 10 s of graceful stop, no outputs.
     */
    public static LaunchOptions of(Path script) {
        return new LaunchOptions(script, null, null, null, AUTO_LOOPS, null, null, null, null, null, null, null, null, null, false);
    }

    /**
     * Parses {@code --loops}: {@code auto}, {@code off} or a number from 1 to 1024.
     *
     * @throws IllegalArgumentException with a one-line message for anything else
     */
    public static int parseLoops(String option) {
        return Loops.parse(option);
    }

    public LaunchOptions withScript(Path s) {
        return new LaunchOptions(s, params, optionalParams, httpClient, loops, warmup, resultsDir, resultsDirName, segment, gracefulStop, outputs, extraOutputs, version, labels, keepData);
    }

    public LaunchOptions withParams(Map<String, String> p) {
        return new LaunchOptions(script, p, optionalParams, httpClient, loops, warmup, resultsDir, resultsDirName, segment, gracefulStop, outputs, extraOutputs, version, labels, keepData);
    }

    public LaunchOptions withOptionalParams(Set<String> p) {
        return new LaunchOptions(script, params, p, httpClient, loops, warmup, resultsDir, resultsDirName, segment, gracefulStop, outputs, extraOutputs, version, labels, keepData);
    }

    public LaunchOptions withHttpClient(HttpClientChoice c) {
        return new LaunchOptions(script, params, optionalParams, c, loops, warmup, resultsDir, resultsDirName, segment, gracefulStop, outputs, extraOutputs, version, labels, keepData);
    }

    public LaunchOptions withLoops(int n) {
        return new LaunchOptions(script, params, optionalParams, httpClient, n, warmup, resultsDir, resultsDirName, segment, gracefulStop, outputs, extraOutputs, version, labels, keepData);
    }

    /** @param d the warm-up's length, {@link Duration#ZERO} for none, null for the default */
    public LaunchOptions withWarmup(Duration d) {
        return new LaunchOptions(script, params, optionalParams, httpClient, loops, d, resultsDir, resultsDirName, segment, gracefulStop, outputs, extraOutputs, version, labels, keepData);
    }

    /** @param dir where results go, or null for none */
    public LaunchOptions withResultsDir(Path dir) {
        return new LaunchOptions(script, params, optionalParams, httpClient, loops, warmup, dir, resultsDirName, segment, gracefulStop, outputs, extraOutputs, version, labels, keepData);
    }

    /** @param name how messages name the results directory ({@code --out}) */
    public LaunchOptions withResultsDir(Path dir, String name) {
        return new LaunchOptions(script, params, optionalParams, httpClient, loops, warmup, dir, name, segment, gracefulStop, outputs, extraOutputs, version, labels, keepData);
    }

    public LaunchOptions withSegment(Segment s) {
        return new LaunchOptions(script, params, optionalParams, httpClient, loops, warmup, resultsDir, resultsDirName, s, gracefulStop, outputs, extraOutputs, version, labels, keepData);
    }

    public LaunchOptions withGracefulStop(Duration d) {
        return new LaunchOptions(script, params, optionalParams, httpClient, loops, warmup, resultsDir, resultsDirName, segment, d, outputs, extraOutputs, version, labels, keepData);
    }

    public LaunchOptions withOutputs(List<OutputSpec> o) {
        return new LaunchOptions(script, params, optionalParams, httpClient, loops, warmup, resultsDir, resultsDirName, segment, gracefulStop, o, extraOutputs, version, labels, keepData);
    }

    public LaunchOptions withExtraOutputs(List<Output> o) {
        return new LaunchOptions(script, params, optionalParams, httpClient, loops, warmup, resultsDir, resultsDirName, segment, gracefulStop, outputs, o, version, labels, keepData);
    }

    public LaunchOptions withVersion(String v) {
        return new LaunchOptions(script, params, optionalParams, httpClient, loops, warmup, resultsDir, resultsDirName, segment, gracefulStop, outputs, extraOutputs, v, labels, keepData);
    }

    /** The run's labels: {@code experiment} and the user's own (checked when the launch is loaded). */
    public LaunchOptions withLabels(Map<String, String> l) {
        return new LaunchOptions(script, params, optionalParams, httpClient, loops, warmup, resultsDir, resultsDirName, segment, gracefulStop, outputs, extraOutputs, version, l, keepData);
    }

    /** Teardown does not run: what setup made is kept for inspection ({@code --keep-data}). */
    public LaunchOptions withKeepData(boolean keep) {
        return new LaunchOptions(script, params, optionalParams, httpClient, loops, warmup, resultsDir, resultsDirName, segment, gracefulStop, outputs, extraOutputs, version, labels, keep);
    }
}
