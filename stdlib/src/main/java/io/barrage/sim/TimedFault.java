package io.barrage.sim;

import java.time.Duration;

/**
 * A fault on the run's timeline: starting {@code at} after the load starts (or when phase
 * {@code phase} starts), cleared after {@code lasting} (null: until the end).
 */
public record TimedFault(Duration at, String phase, Fault fault, Duration lasting) {

    public TimedFault {
        if (fault == null) throw new IllegalArgumentException("a timed fault needs a fault");
        if ((at == null) == (phase == null)) throw new IllegalArgumentException("a timed fault starts either at a time or with a phase");
        if (at != null && at.isNegative()) throw new IllegalArgumentException("a fault's start must be ≥ 0");
        if (lasting != null && (lasting.isNegative() || lasting.isZero())) throw new IllegalArgumentException("lasting must be > 0");
    }
}
