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
 */
public record Tick(long startNanos, long endNanos, long elapsedNanos, long epochMillis,
                   List<ScenarioTick> scenarios, List<TaggedHistogram> histograms, boolean last) {

    public double seconds() {
        return Math.max(1e-9, (endNanos - startNanos) / 1e9);
    }
}
