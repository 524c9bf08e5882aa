package io.barrage.engine.metrics;

import io.barrage.engine.analysis.Analysis;
import io.barrage.engine.pattern.LoadModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Turns the live recorders into interval snapshots. Called by one thread only (the run's reporter)
 * once per interval: it swaps every recorder's interval histogram, adds it to the run totals, and
 * hands back a {@link Tick} for the sinks.
 */
public final class MetricsReporter {
    private final List<ScenarioMetrics> scenarios;
    private final long startNanos;
    private final Meters meters;
    private long lastTickNanos;

    public MetricsReporter(List<ScenarioMetrics> scenarios, long startNanos) {
        this(scenarios, null, startNanos);
    }

    /** @param meters the run's named counters and gauges, read into each tick; null for none */
    public MetricsReporter(List<ScenarioMetrics> scenarios, Meters meters, long startNanos) {
        this.scenarios = List.copyOf(scenarios);
        this.meters = meters;
        this.startNanos = startNanos;
        this.lastTickNanos = startNanos;
    }

    public List<ScenarioMetrics> scenarios() {
        return scenarios;
    }

    public long startNanos() {
        return startNanos;
    }

    /** Closes the interval that ends at {@code now}. */
    public Tick tick(long now, long epochMillis) {
        return tick(now, epochMillis, false);
    }

    /** Closes the interval that ends at {@code now}; {@code last} marks the closing interval of the load. */
    public synchronized Tick tick(long now, long epochMillis, boolean last) {
        long from = lastTickNanos;
        lastTickNanos = now;
        double seconds = Math.max(1e-9, (now - from) / 1e9);
        long startMs = epochMillis - (now - from) / 1_000_000L;
        List<ScenarioTick> ticks = new ArrayList<>();
        List<TaggedHistogram> tagged = new ArrayList<>();
        for (ScenarioMetrics sm : scenarios) {
            Histogram latency = new Histogram(MetricNames.DIGITS);
            long requests = 0, errors = 0;
            Map<String, Long> errorsByKind = new TreeMap<>();
            Map<String, Map<String, Long>> counters = new TreeMap<>();
            for (StepMetrics step : sm.steps()) {
                for (int slot = 0; slot < sm.slotCount(); slot++) {
                    Series s = step.seriesIfPresent(slot);
                    if (s == null) continue;
                    boolean load = slot > 0 && slot < sm.teardownSlot();
                    // errors before the swap: a call records its latency before its error, so every error
                    // read here has its call in this interval's histogram (read after, a call recorded in
                    // between had its error counted and its request not: a second read 104 % errors)
                    for (Map.Entry<String, LongAdder> e : s.errors.entrySet()) {
                        long total = e.getValue().sum();
                        long before = s.errorsSeen.getOrDefault(e.getKey(), 0L);
                        s.errorsSeen.put(e.getKey(), total);
                        if (total > before && load) {
                            errors += total - before;
                            errorsByKind.merge(e.getKey(), total - before, Long::sum);
                        }
                    }
                    s.latencyInterval = swap(s.latency, s.latencyTotal, startMs, epochMillis);
                    s.serviceInterval = swap(s.service, s.serviceTotal, startMs, epochMillis);
                    // counted from the latency histogram itself, so the totals never run ahead of the interval log
                    long dReq = s.latencyInterval.getTotalCount();
                    s.requestsSeen += dReq;
                    if (load) requests += dReq;
                    if (s.latencyInterval.getTotalCount() > 0) {
                        if (load) latency.add(s.latencyInterval);
                        tagged.add(new TaggedHistogram(MetricNames.LATENCY, sm.name(), step.name(), s.phase(), s.latencyInterval));
                        tagged.add(new TaggedHistogram(MetricNames.SERVICE, sm.name(), step.name(), s.phase(), s.serviceInterval));
                    }
                }
                for (StepMetrics.Timing timing : step.timings()) {
                    Histogram h = swap(timing.recorder, timing.total, startMs, epochMillis);
                    if (h.getTotalCount() > 0) {
                        tagged.add(new TaggedHistogram(timing.name(), sm.name(), step.name(), null, h));
                    }
                }
                for (StepMetrics.Count c : step.counters()) {
                    long total = c.total();
                    if (total > c.seen) counters.computeIfAbsent(c.name(), k -> new TreeMap<>()).put(step.name(), total - c.seen);
                    c.seen = total;
                }
            }
            Histogram lag = new Histogram(MetricNames.DIGITS);
            long iterations = 0, scheduled = 0, dropped = 0, failed = 0;
            for (int slot = 0; slot < sm.slotCount(); slot++) {
                ScenarioMetrics.PhaseCounters c = sm.phases[slot];
                c.lagInterval = swap(c.lag, c.lagTotal, startMs, epochMillis);
                if (c.lagInterval.getTotalCount() > 0) {
                    lag.add(c.lagInterval);
                    tagged.add(new TaggedHistogram(MetricNames.LAG, sm.name(), null, sm.slotName(slot), c.lagInterval));
                }
                long it = c.iterations.sum(), sc = c.scheduled.sum(), dr = c.dropped.sum(), fa = c.failed.sum();
                iterations += it - c.iterationsSeen;
                scheduled += sc - c.scheduledSeen;
                dropped += dr - c.droppedSeen;
                failed += fa - c.failedSeen;
                c.iterationsSeen = it;
                c.scheduledSeen = sc;
                c.droppedSeen = dr;
                c.failedSeen = fa;
            }
            Map<String, Map<String, Long>> tallies = Map.of();
            if (!sm.tallies().isEmpty()) {
                tallies = new TreeMap<>();
                for (Tally t : sm.tallies().values()) tallies.put(t.name(), t.interval());
            }
            Map<String, Double> scores = Map.of();
            if (!sm.analyses().isEmpty()) {
                scores = new LinkedHashMap<>();
                for (Analysis a : sm.analyses()) scores.put(a.name(), a.score(tallies));
            }
            // target and achieved over the same interval: the plan's mean over it, and what was made
            double targetNanos = sm.targetNanos(now);
            double target = now - from > 0 ? round6((targetNanos - sm.targetNanosSeen) / (now - from)) : sm.target();
            sm.targetNanosSeen = targetNanos;
            double achieved;
            if (sm.model() == LoadModel.OPEN) {
                achieved = iterations / seconds;
            } else {   // the interval's mean: users counted at the tick missed those that left at a phase's end just before it
                double userNanos = sm.userNanos(now);
                achieved = now - from > 0 ? (userNanos - sm.userNanosSeen) / (now - from) : sm.activeUsers().get();
                sm.userNanosSeen = userNanos;
            }
            ticks.add(new ScenarioTick(sm.name(), sm.slotName(sm.slot()), sm.model(), target, achieved,
                    sm.inFlight().get(), sm.activeUsers().get(), iterations, failed, scheduled, dropped, requests, errors,
                    errorsByKind, latency, lag, seconds, tallies, scores, counters));
        }
        return new Tick(from, now, now - startNanos, epochMillis, ticks, tagged, last, meters == null ? List.of() : meters.snapshot());
    }

    /** Six decimals: a plan held at 100 reads 100, not the 99.99999 of summing its nanoseconds. */
    private static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static Histogram swap(StripedRecorder recorder, Histogram total, long startMs, long endMs) {
        Histogram h = recorder.getIntervalHistogram();
        h.setStartTimeStamp(startMs);
        h.setEndTimeStamp(endMs);
        if (h.getTotalCount() > 0) total.add(h);
        return h;
    }
}
