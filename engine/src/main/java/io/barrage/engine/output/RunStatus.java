package io.barrage.engine.output;

import java.util.List;

/**
 * A snapshot of a running test.
 *
 * @param state          created, setup, running, stopping, teardown, finished
 * @param elapsedSeconds time since the load started
 */
public record RunStatus(String state, double elapsedSeconds, boolean paused, List<ScenarioStatus> scenarios) {

    /**
     * One scenario now. Counts are totals so far; rates and percentiles are of the last interval
     * (ms; null when nothing ended in it). {@code target} is what the plan asks for now (a live change
     * shows at once); {@code intervalTarget} and {@code achieved} are the last interval's, the plan's
     * mean over it and what was made in it. {@code errors} are failed calls; {@code iterationErrors}
     * iterations whose user code threw.
     */
    public record ScenarioStatus(String name, String model, String phase, int phaseIndex, int phaseCount,
                                 double phaseElapsedSeconds, double phaseDurationSeconds, double target,
                                 double intervalTarget, double achieved, int inFlight, int users, long requests, long errors,
                                 long iterationErrors, long dropped, double rps, Double p50, Double p95, Double p99, boolean paused) {}
}
