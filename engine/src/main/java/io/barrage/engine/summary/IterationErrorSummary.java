package io.barrage.engine.summary;

import io.barrage.engine.metrics.IterationErrors;
import java.util.List;

/**
 * Iterations whose user code threw: how many, their share of the iterations started, and each kind
 * with the script line that threw and its first message. Calls made before the throw count as calls;
 * the failed iteration itself is never a request, a rate or a latency.
 *
 * @param count failed iterations over the load phases
 * @param share count / iterations started (0 without iterations)
 * @param kinds by kind and place, the most frequent first (over the whole run)
 */
public record IterationErrorSummary(long count, double share, List<IterationErrors.Entry> kinds) {

    public IterationErrorSummary {
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
    }
}
