package io.barrage.dsl

import groovy.transform.CompileStatic
import io.barrage.http.RetryPolicy
import java.time.Duration

/** Reads {@code retry: [attempts: 3, backoff: 100.ms, max: 2.s, jitter: 50.percent, on: [503, 'timeout']]} (or {@code retry: 3}). */
@CompileStatic
final class Retries {
    static final List<String> SETTINGS = ['attempts', 'backoff', 'max', 'jitter', 'on']

    private Retries() {}

    /** The policy, or an IllegalArgumentException saying what is wrong in barrage's words. */
    static RetryPolicy parse(Object spec) {
        if (spec == null || spec == false) return null
        if (spec instanceof Number) return RetryPolicy.attempts(((Number) spec).intValue())
        if (!(spec instanceof Map)) throw new IllegalArgumentException("retry is a number of tries (retry: 3) or settings: retry: [attempts: 3, backoff: 100.ms, max: 2.s, on: [503, 'timeout']], not '${spec}'")
        Map m = (Map) spec
        for (Object k : m.keySet()) {
            if (!(k.toString() in SETTINGS)) {
                throw new IllegalArgumentException("retry has no setting '${k}'${io.barrage.dsl.internal.DidYouMean.suggestion(k.toString(), SETTINGS)}")
            }
        }
        if (!(m.attempts instanceof Number)) throw new IllegalArgumentException('retry needs attempts: the tries in all, counting the first (attempts: 3)')
        Duration backoff = duration(m, 'backoff')
        Duration max = duration(m, 'max')
        double jitter = 0.5
        if (m.jitter != null) {
            if (m.jitter instanceof Percent) jitter = ((Percent) m.jitter).fraction
            else if (m.jitter instanceof Number) jitter = ((Number) m.jitter).doubleValue()
            else throw new IllegalArgumentException("retry jitter is a percentage such as 50.percent, not '${m.jitter}'")
        }
        Set<Integer> statuses = null
        Set<String> kinds = null
        if (m.on != null) {
            statuses = [] as Set<Integer>
            kinds = [] as Set<String>
            for (Object o : (m.on instanceof Collection ? (Collection) m.on : [m.on])) {
                if (o instanceof Number) statuses << ((Number) o).intValue()
                else kinds << o.toString()
            }
        }
        new RetryPolicy(((Number) m.attempts).intValue(), backoff, max, jitter, statuses, kinds)
    }

    private static Duration duration(Map m, String key) {
        Object v = m.get(key)
        if (v == null) return null
        if (!(v instanceof Duration)) throw new IllegalArgumentException("retry ${key} is a duration such as 100.ms, not '${v}'")
        (Duration) v
    }
}
