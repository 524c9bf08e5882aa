package io.barrage.engine.model;

import java.util.Map;

/**
 * A plan resource whose faults can be switched while a test runs — a simulated service, say — from
 * the REPL or the control API. Each switch is an event of the run with its origin.
 */
public interface FaultTarget {
    /** How commands name it when a plan has several ({@code sim}, {@code sim:checkout}). */
    String faultTargetName();

    /**
     * Switches a fault on.
     *
     * @param spec  {@code fault} (its kind) and the kind's settings ({@code backend}, {@code latency}, {@code rate}, {@code status})
     * @return the fault as the target describes it ({@code down b3})
     * @throws IllegalArgumentException with a one-line reason; nothing changed
     */
    String injectFault(Map<String, Object> spec, String origin);

    /** Switches faults off: all of them ({@code scope} null) or those of one part ({@code b3}); returns how many. */
    int clearFaults(String scope, String origin);
}
