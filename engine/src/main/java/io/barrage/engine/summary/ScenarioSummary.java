package io.barrage.engine.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One scenario over the whole run.
 *
 * @param achieved open model: iterations started / scheduled; closed model: mean users / mean target users
 *                 (null when nothing was planned)
 * @param iterationErrors iterations whose user code threw (never counted as calls)
 * @param balance  balance analysis across backends, or null without it
 */
public record ScenarioSummary(String name, String model, Map<String, String> info, Stats total, Percentiles lag,
                              long iterations, IterationErrorSummary iterationErrors, long scheduled, long dropped, Double achieved,
                              List<PhaseSummary> phases, List<StepSummary> steps, List<TimelinePoint> timeline,
                              @JsonInclude(JsonInclude.Include.NON_NULL) BalanceSummary balance) {}
