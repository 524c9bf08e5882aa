package io.barrage.sim;

import io.barrage.engine.format.Durations;
import java.time.Duration;

/**
 * The balancer's active health check: every {@code interval} it probes each backend; a probe fails
 * on a refused connection at once and on a hanging or cut-off backend after {@code timeout}.
 * {@code unhealthyAfter} failures in a row take a backend out of rotation, {@code healthyAfter}
 * successes put it back. Off, the balancer keeps sending to a dead backend.
 */
public record HealthCheck(boolean enabled, Duration interval, Duration timeout, int unhealthyAfter, int healthyAfter) {

    public static final HealthCheck OFF = new HealthCheck(false, Duration.ofSeconds(1), Duration.ofMillis(500), 2, 1);
    public static final HealthCheck DEFAULT = new HealthCheck(true, Duration.ofSeconds(1), Duration.ofMillis(500), 2, 1);

    public HealthCheck {
        if (interval == null || interval.compareTo(Duration.ofMillis(10)) < 0) throw new IllegalArgumentException("health check interval must be ≥ 10ms");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("health check timeout must be > 0");
        if (unhealthyAfter < 1 || healthyAfter < 1) throw new IllegalArgumentException("health check thresholds must be ≥ 1");
    }

    public static HealthCheck every(Duration interval) {
        return new HealthCheck(true, interval, DEFAULT.timeout.compareTo(interval) < 0 ? DEFAULT.timeout : interval.dividedBy(2), 2, 1);
    }

    public String describe() {
        return enabled ? "every " + Durations.format(interval) + ", out after " + unhealthyAfter + " failed, back after " + healthyAfter + " passed" : "off";
    }
}
