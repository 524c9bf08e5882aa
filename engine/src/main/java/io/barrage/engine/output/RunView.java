package io.barrage.engine.output;

import io.barrage.engine.metrics.Meters;
import io.barrage.engine.summary.RunSummary;
import io.barrage.engine.time.Clock;
import java.util.Map;

/**
 * What an {@link Output} may know of a run: what it is, where it stands, and a way to add an event
 * to its record. Read-only otherwise: steering goes through {@code RunControl}, never an output.
 */
public interface RunView {

    /** The plan's name (the script's {@code name}, else the script file's). */
    String planName();

    /** barrage's version, as the summary records it. */
    String version();

    /** The plan's descriptive facts (script path, parameters...). */
    Map<String, String> info();

    /** The share of every scenario this process runs, as {@code i/N}. */
    String segment();

    /**
     * The run's labels, which outputs attach to what they send: {@code run_id} (the results
     * directory's name, else the plan's name and start time), {@code experiment} and the user's own.
     */
    Map<String, String> labels();

    /** The clock the run reads (a fake one in tests). */
    Clock clock();

    /** Wall time at which the load started, 0 before. */
    long loadStartEpochMillis();

    /** Where the run stands now. */
    RunStatus status();

    /** The summary as of the last interval (status {@code running}), the final one at the end, null before the first interval. */
    RunSummary summarySoFar();

    /**
     * The run's named counters and gauges: a resource that is also an output (a simulated service,
     * a proxy, a queue) registers its own here when the run starts; they reach every output.
     */
    Meters meters();

    /** Adds an event to the run's record (results, consoles, the control API's stream). */
    void emit(String type, String scenario, String origin, String message, Map<String, Object> data);
}
