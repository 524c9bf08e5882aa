package io.barrage.engine.summary;

/**
 * One phase of a scenario.
 *
 * @param durationSeconds running time of the phase (pauses excluded)
 * @param scheduled       open model: arrivals the schedule produced for this process
 * @param iterations      iterations started
 * @param iterationErrors iterations whose user code threw
 * @param dropped         open model: arrivals dropped at the concurrency cap
 * @param lag             schedule lag of the phase's iterations
 */
public record PhaseSummary(String name, String pattern, double durationSeconds, long scheduled, long iterations,
                           long iterationErrors, long dropped, Stats stats, Percentiles lag) {}
