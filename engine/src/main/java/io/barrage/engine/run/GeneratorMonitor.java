package io.barrage.engine.run;

import io.barrage.engine.metrics.MetricNames;
import io.barrage.engine.metrics.ScenarioTick;
import io.barrage.engine.metrics.Tick;
import io.barrage.engine.summary.GeneratorSummary;
import io.barrage.engine.summary.Percentiles;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Watches the generator itself every interval. An interval counts as saturated when the process
 * used ≥ 90 % of the machine's cores, when GC pauses took ≥ 10 % of it, or when the schedule lag
 * p95 of its iterations exceeded 10 ms: then the generator, not the target, shaped the numbers.
 * (A few late arrivals are the shared machine's noise floor, reported as lag; p95 above 10 ms means
 * most of a second's arrivals started late.)
 */
final class GeneratorMonitor {
    static final double CPU_LIMIT = 0.9;
    static final double GC_LIMIT = 0.1;
    static final long LAG_LIMIT_MICROS = 10_000;

    static final String CPU_REASON = "CPU ≥ 90% of the cores";
    static final String GC_REASON = "GC pauses ≥ 10% of the time";
    static final String LAG_REASON = "schedule lag p95 > 10ms";

    private final GeneratorProbe probe;
    private final long cpuStart;
    private final long gcStart;
    private long cpuLast;
    private long gcLast;
    private double cpuMax;
    private int saturated;
    private final Set<String> reasons = new LinkedHashSet<>();
    private final Histogram lag = new Histogram(MetricNames.DIGITS);
    private double seconds;
    private double loadCpuSeconds;
    private int intervals;
    private int judgedIntervals;
    private int lastSaturatedInterval;

    GeneratorMonitor(GeneratorProbe probe) {
        this.probe = probe;
        this.cpuStart = this.cpuLast = probe.cpuNanos();
        this.gcStart = this.gcLast = probe.gcPauseMillis();
    }

    /** The load starts now: intervals measure from here, not from setup (whose CPU counts in the total only). */
    void loadStarted() {
        long cpu = probe.cpuNanos();
        if (cpu >= 0) cpuLast = cpu;
        gcLast = probe.gcPauseMillis();
    }

    /** Samples at the end of an interval; returns the reasons it was saturated (empty if not). */
    List<String> sample(Tick tick) {
        double secs = tick.seconds();
        seconds += secs;
        long cpu = probe.cpuNanos();
        long gc = probe.gcPauseMillis();
        double cores = cpu >= 0 ? (cpu - cpuLast) / 1e9 / secs : 0;
        if (cpu >= 0) loadCpuSeconds += (cpu - cpuLast) / 1e9;
        double gcShare = (gc - gcLast) / 1e3 / secs;
        cpuLast = cpu;
        gcLast = gc;
        // The closing interval is usually a sliver of a tick: one young collection or one 10 ms step
        // of CPU accounting is a large share of nothing there (seen: "GC pauses ≥ 10%" for a 20 ms
        // tail). Its CPU and GC count in the totals, and are judged only when it lasted half a second.
        boolean judged = !tick.last() || secs >= 0.5;
        if (judged) {
            cpuMax = Math.max(cpuMax, cores);
            judgedIntervals++;
        } else if (judgedIntervals == 0) {
            cpuMax = Math.min(cores, probe.cores());   // a run shorter than a tick has nothing better
        }
        Histogram intervalLag = new Histogram(MetricNames.DIGITS);
        for (ScenarioTick s : tick.scenarios()) intervalLag.add(s.lag());
        lag.add(intervalLag);
        List<String> why = new ArrayList<>();
        if (judged && cores >= CPU_LIMIT * probe.cores()) {
            why.add(String.format(Locale.ROOT, "CPU %.1f of %d cores", cores, probe.cores()));
            reasons.add(CPU_REASON);
        }
        if (judged && gcShare >= GC_LIMIT) {
            why.add(String.format(Locale.ROOT, "GC pauses %.0f%% of the time", gcShare * 100));
            reasons.add(GC_REASON);
        }
        if (intervalLag.getTotalCount() >= 20 && intervalLag.getValueAtPercentile(95) > LAG_LIMIT_MICROS) {
            why.add(String.format(Locale.ROOT, "schedule lag p95 %.1fms", intervalLag.getValueAtPercentile(95) / 1000.0));
            reasons.add(LAG_REASON);
        }
        intervals++;
        if (!why.isEmpty()) {
            saturated++;
            lastSaturatedInterval = intervals;
        }
        return why;
    }

    GeneratorSummary summary(String scheduler) {
        long cpu = probe.cpuNanos();
        double cpuSeconds = cpu >= 0 ? (cpu - cpuStart) / 1e9 : 0;
        // the mean is over the load's intervals (whole-run CPU over load time could exceed the cores on a short run)
        return new GeneratorSummary(probe.cores(), round(cpuSeconds), seconds > 0 ? round(loadCpuSeconds / seconds) : 0,
                round(cpuMax), round((probe.gcPauseMillis() - gcStart) / 1e3), Percentiles.of(lag), saturated,
                lastSaturatedInterval, intervals, List.copyOf(reasons), scheduler);
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
