package io.barrage.engine.capacity;

import java.util.List;

/**
 * What a capacity search found.
 *
 * @param unit         "/s" (open model) or " users" (closed)
 * @param highestHeld  the highest load at which every criterion held (null: even the first step failed)
 * @param lowestFailed the lowest load at which one failed (null: none failed up to max)
 * @param firstFailure the criteria that failed at the lowest failing load
 * @param knee         the load where latency p99 bends upward most (null with fewer than 3 steps)
 * @param steps        every step, in the order run
 * @param stopped      why the search ended
 */
public record CapacityResult(String unit, Double highestHeld, Double lowestFailed, List<String> firstFailure, Double knee,
                             List<StepResult> steps, String stopped) {

    public CapacityResult {
        firstFailure = firstFailure == null ? List.of() : List.copyOf(firstFailure);
        steps = List.copyOf(steps);
    }

    /** True when the search bracketed the capacity: something held and something failed. */
    public boolean found() {
        return highestHeld != null && lowestFailed != null;
    }
}
