package io.barrage.engine.model;

/**
 * A plan resource with figures of its own for the run's summary (a simulated service's
 * per-backend counts, say). The summary keeps them under {@code services.<name>}.
 */
public interface SummarySource {
    String summaryName();

    /** Plain values (maps, lists, numbers, strings) that serialise as JSON. */
    Object summaryValues();
}
