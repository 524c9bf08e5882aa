package io.barrage.engine.analysis;

import io.barrage.engine.validation.Validatable;
import java.util.Map;

/**
 * A figure of one scenario computed from its tallies (calls counted by a label, such as the backend
 * that answered each: {@link io.barrage.engine.metrics.Tally}), which the engine carries without
 * knowing it: a score per interval in the timeline, events when the score says something, a section
 * of the scenario's summary, and the score that assertions and capacity searches judge
 * ({@code balance > 95%}). Balance analysis is one (in the standard library).
 *
 * <p>An analysis is a record of settings, part of the plan's data; what it remembers during a run is
 * in the {@link Watch} it makes for that run. Tallies are given as tally name → label → count.
 */
public interface Analysis extends Validatable {

    /**
     * Its word: the key of its section in the scenario's summary, the type of its events, and what
     * an assertion names to judge its score. Unique in a scenario.
     */
    String name();

    /** A score from 0 to 1 of a set of tallies; NaN when they say nothing (no calls). */
    double score(Map<String, Map<String, Long>> tallies);

    /**
     * The fields it adds to a timeline point of an interval (next to target, achieved, latency...),
     * given the interval's tallies and their {@link #score}; empty for none.
     */
    Map<String, Object> timeline(Map<String, Map<String, Long>> interval, double score);

    /** Fresh state for one run: what follows the score interval by interval. */
    Watch watch();

    /**
     * Its section of the scenario's summary, serialised as JSON under {@link #name()}.
     *
     * @param total   the tallies over all load phases
     * @param byPhase the tallies of each load phase that ran, by phase name, in plan order
     * @param watch   the run's watch (as {@link #watch()} made it)
     */
    Object summary(Map<String, Map<String, Long>> total, Map<String, Map<String, Map<String, Long>>> byPhase, Watch watch);

    /** Follows an analysis' score over a run. Reporter thread only. */
    interface Watch {
        /**
         * One interval from {@code fromNanos} to {@code toNanos}, its score and tallies.
         *
         * @return what the run should be told (an event of the analysis' type), or null
         */
        Finding observe(long fromNanos, long toNanos, double score, Map<String, Map<String, Long>> interval);
    }

    /** An event an analysis raises: its console line and its data for events.jsonl. */
    record Finding(String message, Map<String, Object> data) {
        public Finding {
            data = data == null ? Map.of() : data;
        }
    }
}
