package io.barrage.engine.run;

import io.barrage.engine.output.RunEvent;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The guardrail {@code maxIterations}: so many iterations may start (every scenario's together, or
 * one scenario's), exactly; the one after is not started, and the run stops (exit 3) with a
 * guardrail event. A process running a segment {@code i/N} of a run gets its share, so the workers
 * of a split run start the limit together.
 */
final class IterationBudget {
    private final AtomicLong left;
    private final long limit;
    private final String scenario;
    private final Events events;

    /**
     * @param limit    the guardrail's limit for the whole run
     * @param segment  this process's share
     * @param scenario the scenario it counts, or null for all of them
     */
    IterationBudget(long limit, Segment segment, String scenario, Events events) {
        this.limit = limit;
        long share = limit / segment.count() + (segment.index() < limit % segment.count() ? 1 : 0);
        this.left = new AtomicLong(share);
        this.scenario = scenario;
        this.events = events;
    }

    /** True when one more iteration may start; the first refusal stops the run. */
    boolean take() {
        long now = left.decrementAndGet();
        if (now >= 0) return true;
        if (now == -1) {
            String reason = "guardrail maxIterations " + limit + " reached" + (scenario == null ? "" : " (scenario " + scenario + ")");
            events.emit(RunEvent.TYPE_GUARDRAIL, scenario, "guardrail", reason, Map.of("guardrail", "maxIterations", "value", limit));
            events.endLoad(reason, true, "guardrail");
        }
        return false;
    }
}
