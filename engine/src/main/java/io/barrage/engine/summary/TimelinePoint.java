package io.barrage.engine.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One reporter interval of a scenario: what was asked and what happened. Latencies and lag in ms
 * (null if none); with balance analysis, its score and the calls per backend.
 */
public record TimelinePoint(double t, String phase, double target, double achieved, double rps, Double p50, Double p95,
                            Double p99, long errors, long dropped, int inFlight, Double lagP99,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Double balance,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> backends) {

    public TimelinePoint(double t, String phase, double target, double achieved, double rps, Double p50, Double p95,
                         Double p99, long errors, long dropped, int inFlight, Double lagP99) {
        this(t, phase, target, achieved, rps, p50, p95, p99, errors, dropped, inFlight, lagP99, null, null);
    }
}
