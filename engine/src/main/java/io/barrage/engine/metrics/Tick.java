package io.barrage.engine.metrics;

import java.util.List;

/**
 * One reporter interval (normally one second): what every scenario did in it. Sinks receive it on
 * the reporter thread and must not keep the histograms beyond the call.
 *
 * @param startNanos     interval start (nanoTime)
 * @param endNanos       interval end (nanoTime)
 * @param elapsedNanos   time since the run started, at the end of the interval
 * @param epochMillis    wall time at the end of the interval
 * @param scenarios      one entry per scenario
 * @param histograms     every non-empty interval histogram, tagged, for the interval log
 * @param last           true for the closing (usually partial) interval after the load ended
 * @param meters         the run's named counters and gauges at the interval's end ({@link Meters})
 */
public record Tick(long startNanos, long endNanos, long elapsedNanos, long epochMillis,
                   List<ScenarioTick> scenarios, List<TaggedHistogram> histograms, boolean last, List<MeterValue> meters) {

    public Tick {
        meters = meters == null ? List.of() : List.copyOf(meters);
    }

    /** An interval with no named counters or gauges. */
    public Tick(long startNanos, long endNanos, long elapsedNanos, long epochMillis,
                List<ScenarioTick> scenarios, List<TaggedHistogram> histograms, boolean last) {
        this(startNanos, endNanos, elapsedNanos, epochMillis, scenarios, histograms, last, List.of());
    }

    public double seconds() {
        return Math.max(1e-9, (endNanos - startNanos) / 1e9);
    }
}
