package io.barrage.engine.summary;

import java.util.Map;

/** One step (named request) of a scenario over all load phases, with its connection timings. */
public record StepSummary(String name, Stats stats, Map<String, Percentiles> timings) {

    public StepSummary {
        timings = timings == null ? Map.of() : Map.copyOf(timings);
    }
}
