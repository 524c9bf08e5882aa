package io.barrage.engine.summary;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * One step (named request) of a scenario over all load phases, with its connection timings.
 *
 * @param retries requests sent a second time on a new connection because the kept-alive one they
 *                were written to had been closed by the server (idempotent requests only, once each)
 * @param counters the step's named counters' totals (a protocol's tokens, messages...), omitted when none
 */
public record StepSummary(String name, Stats stats, Map<String, Percentiles> timings, long retries,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> counters) {

    public StepSummary {
        timings = timings == null ? Map.of() : Map.copyOf(timings);
        counters = counters == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counters));
    }

    /** A step without named counters. */
    public StepSummary(String name, Stats stats, Map<String, Percentiles> timings, long retries) {
        this(name, stats, timings, retries, Map.of());
    }
}
