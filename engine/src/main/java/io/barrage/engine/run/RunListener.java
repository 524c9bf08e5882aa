package io.barrage.engine.run;

import io.barrage.engine.metrics.Tick;
import io.barrage.engine.summary.RunSummary;

/**
 * A sink of a run: the console, the results writer, later Prometheus and the control API. Called on
 * the run's threads; an exception thrown here is reported as a warning and never stops the run.
 */
public interface RunListener {

    /** The load is about to start (setup has run). */
    default void onStart(Run run) {}

    /** One reporter interval ended. */
    default void onTick(Tick tick) {}

    /** An event happened. */
    default void onEvent(RunEvent event) {}

    /** The run ended; the summary is final. */
    default void onEnd(RunSummary summary) {}
}
