package io.barrage.engine.run;

import java.util.Map;

/** Switching the faults of the plan's fault targets (a simulated service) while the load runs. */
public interface FaultControl {

    /** A fault switched on: where, and as the target describes it ({@code down b3}). */
    record Switched(String target, String fault) {}

    /** Faults switched off: where, and how many. */
    record Cleared(String target, int count) {}

    /**
     * Switches a fault on.
     *
     * @param target a target's name, or null when the plan has exactly one
     * @param spec   {@code fault} (its kind) and its settings ({@code backend}, {@code latency}, {@code rate}, {@code status})
     */
    Switched injectFault(String target, Map<String, Object> spec, String origin);

    /** Switches faults off: all of a target's, or one part's ({@code scope}). */
    Cleared clearFaults(String target, String scope, String origin);
}
