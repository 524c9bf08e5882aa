package io.barrage.engine.output;

import io.barrage.engine.metrics.Tick;
import io.barrage.engine.summary.RunSummary;

/**
 * Everything that consumes a run: the results directory, the console, the control API's
 * {@code /metrics} and {@code /events}, and whatever an {@link Outputs} registry builds from the
 * command line. An output sees the run's start (through a read-only {@link RunView}, never the run
 * itself), each interval with its histograms and counters, every event, and the final summary.
 *
 * <p>Called on the run's threads, one call at a time per output: {@link #onInterval} on the
 * reporter's thread once an interval ends (keep it short: the next interval waits for it),
 * {@link #onEvent} on whichever thread made the event. An exception thrown here becomes one of the
 * run's warnings and never stops the run.
 */
public interface Output {

    /** The load is about to start (setup has run); {@code run} stays valid until {@link #onEnd}. */
    default void onStart(RunView run) {}

    /** One reporter interval ended: its histograms, counters and gauges, per scenario. */
    default void onInterval(Tick tick) {}

    /** An event happened (phase changes, control commands, faults, warnings). */
    default void onEvent(RunEvent event) {}

    /** The run ended; the summary is final. Resources the output holds are released here. */
    default void onEnd(RunSummary summary) {}

    /**
     * The run this output was built for will not happen (its launch failed before the start):
     * release what it holds and leave nothing behind. Never called after {@link #onStart}.
     */
    default void abandon() {}
}
