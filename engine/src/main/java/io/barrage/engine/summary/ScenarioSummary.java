package io.barrage.engine.summary;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario over the whole run.
 *
 * @param achieved open model: iterations started / scheduled; closed model: mean users / mean target users
 *                 (null when nothing was planned)
 * @param iterationErrors iterations whose user code threw (never counted as calls)
 * @param analyses the sections of the scenario's analyses by name, at the scenario's top level in JSON
 *                 ({@code balance}: calls per backend and how evenly they spread)
 */
public record ScenarioSummary(String name, String model, Map<String, String> info, Stats total, Percentiles lag,
                              long iterations, IterationErrorSummary iterationErrors, long scheduled, long dropped, Double achieved,
                              List<PhaseSummary> phases, List<StepSummary> steps, List<TimelinePoint> timeline,
                              @JsonAnyGetter @JsonAnySetter Map<String, Object> analyses) {

    public ScenarioSummary {
        analyses = analyses == null ? new LinkedHashMap<>() : analyses;
    }
}
