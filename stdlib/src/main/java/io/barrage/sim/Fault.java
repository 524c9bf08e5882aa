package io.barrage.sim;

import io.barrage.engine.format.Durations;
import io.barrage.engine.format.Numbers;
import java.time.Duration;

/**
 * A failure injected into the simulated service, on one backend or on all of them ({@code backend}
 * null).
 *
 * @param kind    what fails
 * @param backend a backend's name, or null for every backend
 * @param latency SLOW: the latency added
 * @param rate    ERRORS: the share of requests that fail
 * @param status  ERRORS: their status
 */
public record Fault(Kind kind, String backend, Duration latency, double rate, int status) {

    public enum Kind {
        /** The backend refuses connections: the balancer answers 502 at once. */
        DOWN("down"),
        /** The backend accepts and never answers: the balancer answers 504 after its upstream timeout. */
        HANG("hang"),
        /** The network between balancer and backend drops packets: as HANG, and health probes time out too. */
        PARTITION("partition"),
        /** Every request takes {@code latency} more. */
        SLOW("slow"),
        /** A burst of errors: {@code rate} of requests fail with {@code status}. */
        ERRORS("errors");

        private final String word;

        Kind(String word) { this.word = word; }

        public String word() { return word; }

        public static Kind of(String word) {
            for (Kind k : values()) if (k.word.equalsIgnoreCase(word)) return k;
            throw new IllegalArgumentException("fault '" + word + "' is not one of down, hang, partition, slow, errors");
        }
    }

    public Fault {
        if (kind == null) throw new IllegalArgumentException("a fault needs a kind: down, hang, partition, slow or errors");
        if (kind == Kind.SLOW && (latency == null || latency.isNegative() || latency.isZero())) {
            throw new IllegalArgumentException("a slow fault needs a latency > 0, such as 200ms");
        }
        if (kind == Kind.ERRORS) {
            if (!(rate > 0 && rate <= 1)) throw new IllegalArgumentException("an errors fault needs a share between 0% and 100%, got " + rate);
            if (status < 100 || status > 599) throw new IllegalArgumentException("an errors fault's status must be 100..599, got " + status);
        }
    }

    public static Fault down(String backend) { return new Fault(Kind.DOWN, backend, null, 0, 0); }
    public static Fault hang(String backend) { return new Fault(Kind.HANG, backend, null, 0, 0); }
    public static Fault partition(String backend) { return new Fault(Kind.PARTITION, backend, null, 0, 0); }
    public static Fault slow(String backend, Duration by) { return new Fault(Kind.SLOW, backend, by, 0, 0); }
    public static Fault errors(String backend, double rate, int status) { return new Fault(Kind.ERRORS, backend, null, rate, status == 0 ? 500 : status); }

    /** {@code down b3}, {@code slow all +200ms}, {@code errors b1 20% 503}. */
    public String describe() {
        String where = backend == null ? "all backends" : backend;
        return switch (kind) {
            case SLOW -> "slow " + where + " +" + Durations.format(latency);
            case ERRORS -> "errors " + where + " " + Numbers.format(rate * 100) + "% " + status;
            default -> kind.word + " " + where;
        };
    }

    @Override
    public String toString() {
        return describe();
    }
}
