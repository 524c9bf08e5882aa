package io.barrage.engine.summary;

import io.barrage.engine.metrics.MetricNames;
import io.barrage.engine.metrics.ScenarioMetrics;
import io.barrage.engine.metrics.Series;
import io.barrage.engine.metrics.StepMetrics;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The run totals of one scenario, narrowed to a step and/or a phase slot and merged: what summaries
 * and assertions read. Built after the run (or on the reporter thread).
 */
final class Selection {
    final Histogram latency = new Histogram(MetricNames.DIGITS);
    final Histogram service = new Histogram(MetricNames.DIGITS);
    final Histogram lag = new Histogram(MetricNames.DIGITS);
    long requests;
    long errors;
    final Map<String, Long> errorsByKind = new TreeMap<>();
    long iterations, failedIterations, scheduled, dropped;
    double seconds;
    boolean stepFound;

    /**
     * @param step null for all steps
     * @param slot a phase slot, or -1 for all load phases
     * @param now  the time to close slots still running
     */
    static Selection of(ScenarioMetrics m, String step, int slot, long now) {
        Selection s = new Selection();
        int from = slot >= 0 ? slot : 1;
        int to = slot >= 0 ? slot : m.teardownSlot() - 1;
        for (StepMetrics st : m.steps()) {
            if (step != null && !st.name().equals(step)) continue;
            s.stepFound = true;
            for (int i = from; i <= to; i++) {
                Series series = st.seriesIfPresent(i);
                if (series == null) continue;
                s.latency.add(series.latencyTotal());
                s.service.add(series.serviceTotal());
                s.requests += series.requestsTotal();
                for (Map.Entry<String, Long> e : series.errorsTotal().entrySet()) {
                    s.errors += e.getValue();
                    s.errorsByKind.merge(e.getKey(), e.getValue(), Long::sum);
                }
            }
        }
        for (int i = from; i <= to; i++) {
            s.lag.add(m.lagTotal(i));
            s.iterations += m.iterationsTotal(i);
            s.failedIterations += m.failedTotal(i);
            s.scheduled += m.scheduledTotal(i);
            s.dropped += m.droppedTotal(i);
            s.seconds += m.slotRunningNanos(i, now) / 1e9;
        }
        return s;
    }

    Stats stats() {
        double rate = seconds > 0 ? requests / seconds : 0;
        return new Stats(requests, errors, errorsByKind, requests == 0 ? 0 : (double) errors / requests,
                round(rate), Percentiles.of(latency), Percentiles.of(service));
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
