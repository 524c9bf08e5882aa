package io.barrage.dsl

import groovy.transform.CompileStatic
import java.time.Duration

/**
 * The literals of scenario scripts: {@code 250.ms}, {@code 10.s}, {@code 2.min}, {@code 1.h},
 * {@code 5.percent}. Registered as a Groovy extension module, so they type-check.
 */
@CompileStatic
final class Literals {
    private Literals() {}

    /** Milliseconds: {@code 250.ms}. */
    static Duration getMs(Number self) { nanos(self, 1_000_000d) }

    /** Seconds: {@code 10.s}. */
    static Duration getS(Number self) { nanos(self, 1_000_000_000d) }

    /** Seconds: {@code 10.sec}. */
    static Duration getSec(Number self) { nanos(self, 1_000_000_000d) }

    /** Minutes: {@code 2.min}. */
    static Duration getMin(Number self) { nanos(self, 60_000_000_000d) }

    /** Hours: {@code 1.h}. */
    static Duration getH(Number self) { nanos(self, 3_600_000_000_000d) }

    /** Microseconds: {@code 500.us}. */
    static Duration getUs(Number self) { nanos(self, 1_000d) }

    /** A percentage: {@code 5.percent} is the fraction 0.05. */
    static Percent getPercent(Number self) { new Percent(self.doubleValue() / 100d) }

    /**
     * {@code -3.s}: the negated duration, so that a negative one reaches validation, which says
     * where it is and why it may not be negative there.
     */
    static Duration negative(Duration self) { self.negated() }

    /** {@code +3.s}: the same duration. */
    static Duration positive(Duration self) { self }

    private static Duration nanos(Number n, double factor) {
        Duration.ofNanos(Math.round(n.doubleValue() * factor))
    }
}
