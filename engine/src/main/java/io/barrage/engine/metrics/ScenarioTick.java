package io.barrage.engine.metrics;

import io.barrage.engine.pattern.LoadModel;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one scenario did in one interval.
 *
 * @param target     the load the plan asked for, its mean over the interval (arrivals/s or users)
 * @param achieved   what was made over the same interval: arrivals started per second (open) or
 *                   the mean of the users running (closed)
 * @param failedIterations iterations whose user code threw in the interval (not calls: never in
 *                   requests, errors or latency)
 * @param latency    latency of all calls that ended in the interval, all steps merged
 * @param lag        schedule lag of the iterations started in the interval
 * @param tallies    the interval's tallies: tally name → label → calls (the backend that answered, say)
 * @param scores     the scenario's analyses' scores of the interval, by analysis name (NaN: no calls)
 * @param counters   the steps' named counters' increases in the interval: counter name → step → increase
 */
public record ScenarioTick(String scenario, String phase, LoadModel model, double target, double achieved,
                           int inFlight, int activeUsers, long iterations, long failedIterations, long scheduled, long dropped,
                           long requests, long errors, Map<String, Long> errorsByKind,
                           Histogram latency, Histogram lag, double seconds, Map<String, Map<String, Long>> tallies, Map<String, Double> scores,
                           Map<String, Map<String, Long>> counters) {

    public ScenarioTick {
        counters = counters == null ? Map.of() : counters;
        tallies = tallies == null ? Map.of() : tallies;
        scores = scores == null ? Map.of() : scores;
    }

    /** An interval without tallies, analyses or named counters. */
    public ScenarioTick(String scenario, String phase, LoadModel model, double target, double achieved,
                        int inFlight, int activeUsers, long iterations, long failedIterations, long scheduled, long dropped,
                        long requests, long errors, Map<String, Long> errorsByKind,
                        Histogram latency, Histogram lag, double seconds) {
        this(scenario, phase, model, target, achieved, inFlight, activeUsers, iterations, failedIterations, scheduled, dropped,
                requests, errors, errorsByKind, latency, lag, seconds, Map.of(), Map.of(), Map.of());
    }

    /** An analysis' score of the interval, NaN without it or without calls. */
    public double score(String analysis) {
        Double v = scores.get(analysis);
        return v == null ? Double.NaN : v;
    }

    public double requestsPerSecond() {
        return requests / seconds;
    }

    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }

    /** A latency percentile of the interval in milliseconds, or NaN when nothing ended in it. */
    public double latencyMillis(double percentile) {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
    }
}
