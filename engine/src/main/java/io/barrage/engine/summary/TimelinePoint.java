package io.barrage.engine.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One reporter interval of a scenario: what was asked and what happened, both over the interval
 * (target: the plan's mean; achieved: arrivals per second or mean users). Latencies and lag in ms
 * (null if none); {@code errors} counts failed calls, {@code iterationErrors} iterations whose user
 * code threw; with balance analysis, its score and the calls per backend.
 */
public record TimelinePoint(double t, String phase, double target, double achieved, double rps, Double p50, Double p95,
                            Double p99, long errors, long iterationErrors, long dropped, int inFlight, Double lagP99,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Double balance,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> backends) {

    /** The point of one scenario's interval ending {@code elapsedSeconds} after the load started. */
    public static TimelinePoint of(io.barrage.engine.metrics.ScenarioTick s, double elapsedSeconds) {
        return new TimelinePoint(elapsedSeconds, s.phase(), round2(s.target()), round2(s.achieved()), round2(s.requestsPerSecond()),
                ms(s, 50), ms(s, 95), ms(s, 99), s.errors(), s.failedIterations(), s.dropped(), s.inFlight(),
                s.lag().getTotalCount() == 0 ? null : s.lag().getValueAtPercentile(99) / 1000.0,
                Double.isNaN(s.balance()) ? null : Math.round(s.balance() * 10000) / 10000.0,
                s.backends().isEmpty() && Double.isNaN(s.balance()) ? null : s.backends());
    }

    /** A latency percentile of the interval in ms, rounded to µs; null when nothing ended in it. */
    public static Double ms(io.barrage.engine.metrics.ScenarioTick s, double p) {
        double v = s.latencyMillis(p);
        return Double.isNaN(v) ? null : Math.round(v * 1000) / 1000.0;
    }

    public static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    public TimelinePoint(double t, String phase, double target, double achieved, double rps, Double p50, Double p95,
                         Double p99, long errors, long dropped, int inFlight, Double lagP99) {
        this(t, phase, target, achieved, rps, p50, p95, p99, errors, 0, dropped, inFlight, lagP99, null, null);
    }
}
