package io.barrage.http;

import io.barrage.engine.metrics.ErrorKinds;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Retries of a failed call, opt-in per request ({@code retry: [attempts: 3]}) or per scenario
 * ({@code http { retry attempts: 3 }}): up to {@code attempts} tries in all, the {@code n}-th retry
 * after {@code backoff · 2^(n-1)} (at most {@code max}), of which a share {@code jitter} is random; a
 * {@code Retry-After} of whole seconds on the answer waits at least that long (at most {@code max}).
 * The call is recorded once, with its last answer, and its latency counts from the first try's
 * intended start; the extra tries are the step's named counter {@value #COUNTER}.
 *
 * @param statuses answers tried again (default 429, 502, 503, 504)
 * @param kinds    failures without an answer tried again (default refused, reset, timeout)
 */
public record RetryPolicy(int attempts, Duration backoff, Duration max, double jitter, Set<Integer> statuses, Set<String> kinds) {
    /** The step's named counter of tries after the first. */
    public static final String COUNTER = "retry_attempts";
    public static final Set<Integer> DEFAULT_STATUSES = Set.of(429, 502, 503, 504);
    public static final Set<String> DEFAULT_KINDS = Set.of(ErrorKinds.REFUSED, ErrorKinds.RESET, ErrorKinds.TIMEOUT);
    /** What {@code on:} may name besides statuses. */
    public static final List<String> KINDS = List.of(ErrorKinds.REFUSED, ErrorKinds.RESET, ErrorKinds.TIMEOUT, ErrorKinds.DNS,
            ErrorKinds.TLS, ErrorKinds.PROTOCOL, ErrorKinds.IO, ErrorKinds.CHECK_FAILED);

    public RetryPolicy {
        if (attempts < 1) throw new IllegalArgumentException("retry attempts: the tries in all, at least 1, got " + attempts);
        if (backoff == null) backoff = Duration.ofMillis(100);
        if (max == null) max = Duration.ofSeconds(5);
        if (backoff.isNegative() || max.isNegative()) throw new IllegalArgumentException("retry backoff and max must be ≥ 0");
        if (!(jitter >= 0 && jitter <= 1)) throw new IllegalArgumentException("retry jitter is a share from 0 to 1, got " + jitter);
        statuses = statuses == null ? DEFAULT_STATUSES : Set.copyOf(statuses);
        kinds = kinds == null ? DEFAULT_KINDS : Set.copyOf(kinds);
        for (String k : kinds) {
            if (!KINDS.contains(k)) throw new IllegalArgumentException("retry on: '" + k + "' is not a failure barrage names (valid: " + String.join(", ", KINDS) + ", or statuses such as 503)");
        }
    }

    /** {@code attempts} tries with the defaults: backoff 100 ms, at most 5 s, half of it random, on 429/502/503/504 and no answer. */
    public static RetryPolicy attempts(int attempts) {
        return new RetryPolicy(attempts, null, null, 0.5, null, null);
    }

    /** True when a call that ended so ({@code kind}: its error kind, or null) is tried again. */
    boolean retries(HttpResponse r, String kind) {
        if (r.getError() != null) return kinds.contains(r.getError());
        return statuses.contains(r.getStatus()) || (ErrorKinds.CHECK_FAILED.equals(kind) && kinds.contains(ErrorKinds.CHECK_FAILED));
    }

    /** The wait before retry {@code n} (1 for the first) after answer {@code r}. */
    long delayNanos(int n, HttpResponse r, RandomGenerator random) {
        long cap = max.toNanos();
        long base = backoff.toNanos();
        for (int i = 1; i < n && base < cap; i++) base = base > cap / 2 ? cap : base * 2;
        base = Math.min(base, cap);
        long d = (long) (base * (1 - jitter) + random.nextDouble() * base * jitter);
        String after = r.getError() == null ? r.header("Retry-After") : null;
        if (after != null) {
            try {
                d = Math.max(d, Math.min(cap, Duration.ofSeconds(Long.parseLong(after.trim())).toNanos()));
            } catch (NumberFormatException | ArithmeticException e) {
                // an HTTP date or junk: the backoff stands
            }
        }
        return d;
    }
}
