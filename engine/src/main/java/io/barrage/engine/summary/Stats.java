package io.barrage.engine.summary;

import java.util.Map;

/**
 * The numbers of a set of calls.
 *
 * @param requests        calls made
 * @param errors          calls that failed (any kind)
 * @param errorsByKind    failures by {@link io.barrage.engine.metrics.ErrorKinds kind}
 * @param errorRate       errors / requests (0 when no requests)
 * @param rate            requests per second of running time
 * @param latency         end − intended start (coordinated-omission corrected), or null without calls
 * @param service         end − actual start, or null without calls
 */
public record Stats(long requests, long errors, Map<String, Long> errorsByKind, double errorRate, double rate,
                    Percentiles latency, Percentiles service) {

    public Stats {
        errorsByKind = errorsByKind == null ? Map.of() : Map.copyOf(errorsByKind);
    }
}
