package io.barrage.engine.summary;

import java.util.List;
import java.util.Map;

/**
 * The result of a run, as written to {@code summary.json} (schema {@value #SCHEMA}). While the run
 * goes the file is rewritten every interval with status {@code running}.
 *
 * @param status   running, passed, failed (assertions), aborted (stop, guardrail, signal), error
 * @param exitCode 0 passed · 1 assertions failed · 3 aborted · 4 run error (2 is for bad scripts, before a run)
 * @param reason   why the run ended as it did (null when it ran its plan)
 * @param services figures of the plan's own services (a simulated service's backends), by name
 */
public record RunSummary(String schema, String barrage, String name, String status, int exitCode, String reason,
                         String startedAt, String endedAt, double durationSeconds, String segment,
                         Map<String, String> info, List<ScenarioSummary> scenarios, List<AssertionResult> assertions,
                         GeneratorSummary generator, Map<String, Object> services, List<String> warnings,
                         List<MeterSummary> meters) {

    public static final String SCHEMA = "barrage.summary/1";

    public static final int EXIT_PASSED = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_ABORTED = 3;
    public static final int EXIT_ERROR = 4;

    public ScenarioSummary scenario(String name) {
        return scenarios.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario " + name));
    }
}
