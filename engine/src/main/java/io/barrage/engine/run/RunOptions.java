package io.barrage.engine.run;

import io.barrage.engine.output.Output;
import io.barrage.engine.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to run a plan, as opposed to what it does.
 *
 * @param clock          the clock every part of the run reads (a fake one in tests)
 * @param segment        the share of every scenario this process runs
 * @param resultsDir     where results go, or null to write none
 * @param gracefulStop   how long in-flight iterations may finish after the load ends or a stop
 * @param tickInterval   the reporter interval (one second)
 * @param outputs        what consumes the run besides its results directory (console, control API, ...)
 * @param version        barrage's version, for summaries
 * @param probe          reads the generator's CPU and GC
 * @param loops          event loops that carry the load's virtual threads: {@link #AUTO_LOOPS}
 *                       (one per core where they can run), 0 (the JDK's scheduler), or a count
 * @param keepData       teardown does not run (what setup made is kept for inspection)
 * @param labels         labels outputs attach to what they send ({@code experiment}, the user's own);
 *                       the run adds {@code run_id} unless given
 */
public record RunOptions(Clock clock, Segment segment, Path resultsDir, Duration gracefulStop,
                         Duration tickInterval, List<Output> outputs, String version,
                         GeneratorProbe probe, int loops, Map<String, String> labels, boolean keepData) {

    /** As many event loops as cores, where loops can run ({@code barrage.loops} overrides). */
    public static final int AUTO_LOOPS = -1;

    public RunOptions {
        if (clock == null) clock = Clock.system();
        if (segment == null) segment = Segment.ALL;
        if (gracefulStop == null) gracefulStop = Duration.ofSeconds(10);
        if (tickInterval == null) tickInterval = Duration.ofSeconds(1);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        if (version == null) version = "dev";
        if (probe == null) probe = GeneratorProbe.jvm();
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        if (loops < AUTO_LOOPS) throw new IllegalArgumentException("event loops: a count, 0 or AUTO_LOOPS, not " + loops);
    }

    public static RunOptions defaults() {
        return new RunOptions(null, null, null, null, null, null, null, null, AUTO_LOOPS, null, false);
    }

    public RunOptions withClock(Clock c) {
        return new RunOptions(c, segment, resultsDir, gracefulStop, tickInterval, outputs, version, probe, loops, labels, keepData);
    }

    public RunOptions withOutputs(List<Output> l) {
        return new RunOptions(clock, segment, resultsDir, gracefulStop, tickInterval, l, version, probe, loops, labels, keepData);
    }

    public RunOptions withResultsDir(Path dir) {
        return new RunOptions(clock, segment, dir, gracefulStop, tickInterval, outputs, version, probe, loops, labels, keepData);
    }

    public RunOptions withSegment(Segment s) {
        return new RunOptions(clock, s, resultsDir, gracefulStop, tickInterval, outputs, version, probe, loops, labels, keepData);
    }

    public RunOptions withGracefulStop(Duration d) {
        return new RunOptions(clock, segment, resultsDir, d, tickInterval, outputs, version, probe, loops, labels, keepData);
    }

    public RunOptions withProbe(GeneratorProbe p) {
        return new RunOptions(clock, segment, resultsDir, gracefulStop, tickInterval, outputs, version, p, loops, labels, keepData);
    }

    public RunOptions withTickInterval(Duration d) {
        return new RunOptions(clock, segment, resultsDir, gracefulStop, d, outputs, version, probe, loops, labels, keepData);
    }

    public RunOptions withLoops(int n) {
        return new RunOptions(clock, segment, resultsDir, gracefulStop, tickInterval, outputs, version, probe, n, labels, keepData);
    }

    /**
     * Labels of the run that outputs attach to what they send ({@code experiment}, the user's own);
     * the run adds {@code run_id} unless given.
     */
    public RunOptions withLabels(Map<String, String> l) {
        return new RunOptions(clock, segment, resultsDir, gracefulStop, tickInterval, outputs, version, probe, loops, l, keepData);
    }

    public RunOptions withVersion(String v) {
        return new RunOptions(clock, segment, resultsDir, gracefulStop, tickInterval, outputs, v, probe, loops, labels, keepData);
    }

    /** Teardown does not run: what setup made is kept for inspection ({@code --keep-data}). */
    public RunOptions withKeepData(boolean keep) {
        return new RunOptions(clock, segment, resultsDir, gracefulStop, tickInterval, outputs, version, probe, loops, labels, keep);
    }
}
