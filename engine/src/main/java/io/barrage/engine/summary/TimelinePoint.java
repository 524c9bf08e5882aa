package io.barrage.engine.summary;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.barrage.engine.analysis.Analysis;
import io.barrage.engine.metrics.ScenarioTick;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One reporter interval of a scenario: what was asked and what happened, both over the interval
 * (target: the plan's mean; achieved: arrivals per second or mean users). Latencies and lag in ms
 * (null if none); {@code errors} counts failed calls, {@code iterationErrors} iterations whose user
 * code threw; and the fields of the scenario's analyses (balance analysis: {@code balance}, its score,
 * and {@code backends}, the calls per backend), at the point's top level in JSON.
 */
public record TimelinePoint(double t, String phase, double target, double achieved, double rps, Double p50, Double p95,
                            Double p99, long errors, long iterationErrors, long dropped, int inFlight, Double lagP99,
                            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                            Map<String, Long> errorKinds,
                            @JsonAnyGetter @JsonAnySetter Map<String, Object> analyses) {

    public TimelinePoint {
        errorKinds = errorKinds == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(errorKinds));
        analyses = analyses == null ? new LinkedHashMap<>() : analyses;
    }

    /** The point of one scenario's interval ending {@code elapsedSeconds} after the load started. */
    public static TimelinePoint of(ScenarioTick s, double elapsedSeconds) {
        return of(s, elapsedSeconds, List.of());
    }

    /** The point of an interval, with the fields of {@code analyses} (the scenario's). */
    public static TimelinePoint of(ScenarioTick s, double elapsedSeconds, List<Analysis> analyses) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Analysis a : analyses) a.timeline(s.tallies(), s.score(a.name())).forEach((k, v) -> fields.put(k, SummaryBuilder.tree(v)));
        return new TimelinePoint(elapsedSeconds, s.phase(), round2(s.target()), round2(s.achieved()), round2(s.requestsPerSecond()),
                ms(s, 50), ms(s, 95), ms(s, 99), s.errors(), s.failedIterations(), s.dropped(), s.inFlight(),
                s.lag().getTotalCount() == 0 ? null : s.lag().getValueAtPercentile(99) / 1000.0, s.errorsByKind(), fields);
    }

    /** A latency percentile of the interval in ms, rounded to µs; null when nothing ended in it. */
    public static Double ms(ScenarioTick s, double p) {
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
