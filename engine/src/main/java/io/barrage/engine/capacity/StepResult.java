package io.barrage.engine.capacity;

import java.util.List;

/**
 * One step of a capacity search: the load it held and what was measured in its judged window.
 *
 * @param load     arrivals/s (open model) or users (closed)
 * @param held     every criterion held
 * @param failures the criteria that failed, each with its value ({@code p99 < 300ms: 1.2s})
 * @param p50Ms    latency p50 of the window, ms (NaN when nothing ended)
 * @param p99Ms    latency p99 of the window, ms
 * @param rps      requests per second in the window
 * @param errorRate share of failed calls in the window
 */
public record StepResult(double load, boolean held, List<String> failures, double p50Ms, double p99Ms, double rps, double errorRate) {

    public StepResult {
        failures = failures == null ? List.of() : List.copyOf(failures);
    }
}
