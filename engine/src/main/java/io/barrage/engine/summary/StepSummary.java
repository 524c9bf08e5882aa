package io.barrage.engine.summary;

import java.util.Map;

/**
 * One step (named request) of a scenario over all load phases, with its connection timings.
 *
 * @param retries requests sent a second time on a new connection because the kept-alive one they
 *                were written to had been closed by the server (idempotent requests only, once each)
 */
public record StepSummary(String name, Stats stats, Map<String, Percentiles> timings, long retries) {

    public StepSummary {
        timings = timings == null ? Map.of() : Map.copyOf(timings);
    }
}
