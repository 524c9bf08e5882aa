package io.barrage.engine.user;

import io.barrage.engine.metrics.ScenarioMetrics;
import io.barrage.engine.time.Clock;

/** What a virtual user needs from the executor that runs it. */
public interface VuHost {

    Clock clock();

    ScenarioMetrics metrics();

    /** The value setup returned, or null. */
    Object shared();

    /** True once the whole scenario is stopping: users finish their call and leave. */
    boolean stopping();

    /** Reports a problem worth a warning event (first few occurrences only are kept). */
    void warn(String message);

    /**
     * This process's share of the scenario when a run is split ({@code --segment i/N}): its index
     * (from 0) and the count; draws that must not overlap between processes stride by them.
     */
    default int segmentIndex() {
        return 0;
    }

    /** See {@link #segmentIndex}. */
    default int segmentCount() {
        return 1;
    }

    /**
     * Ends the run's load from user code, once: as planned ({@code abort} false: judged as if its
     * phases had ended) or as an abort (exit 3), with the reason in the events and the summary.
     */
    void endLoad(String reason, boolean abort);

    /** The scenario's protocol module of that name, or null. */
    default Protocol<?> protocol(String name) {
        return null;
    }

    /** The names of the scenario's protocol modules, for messages. */
    default java.util.List<String> protocolNames() {
        return java.util.List.of();
    }
}
