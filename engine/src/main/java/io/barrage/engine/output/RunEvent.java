package io.barrage.engine.output;

import java.util.Map;

/**
 * Something that happened during a run, with its time: a phase change, a control command, a
 * warning, a guardrail. Events go to {@code events.jsonl} and to every listener.
 *
 * @param epochMillis  wall time
 * @param elapsedNanos time since the load started (negative during setup)
 * @param type         one of the {@code TYPE_*} constants, or the name of the analysis that found something
 * @param scenario     the scenario concerned, or null for the whole run
 * @param origin       who caused it: {@code plan}, {@code repl}, {@code api}, {@code signal}, {@code guardrail}...
 * @param message      one human line
 * @param data         the values (rate, users, phase...)
 */
public record RunEvent(long epochMillis, long elapsedNanos, String type, String scenario, String origin,
                       String message, Map<String, Object> data) {

    public static final String TYPE_RUN = "run";
    public static final String TYPE_PHASE = "phase";
    public static final String TYPE_CONTROL = "control";
    public static final String TYPE_WARNING = "warning";
    public static final String TYPE_GUARDRAIL = "guardrail";
    public static final String TYPE_HOOK = "hook";
    /** A simulated service changed: a fault switched, a backend out of or back in rotation. */
    public static final String TYPE_SIM = "sim";

    /**
     * Whether {@code type} is one of the engine's own; any other is the name of one of a scenario's
     * analyses, telling what it found ({@code balance}: the calls' spread across backends fell under
     * its threshold, or recovered).
     */
    public static boolean isEngineType(String type) {
        return switch (type) {
            case TYPE_RUN, TYPE_PHASE, TYPE_CONTROL, TYPE_WARNING, TYPE_GUARDRAIL, TYPE_HOOK, TYPE_SIM -> true;
            default -> false;
        };
    }

    public RunEvent {
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
