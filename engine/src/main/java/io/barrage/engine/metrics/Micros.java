package io.barrage.engine.metrics;

/** Converts nanosecond intervals to the microsecond values histograms hold; clamps instead of throwing. */
final class Micros {
    private Micros() {}

    /** Histograms track up to one hour; longer values are clamped to it. */
    static final long MAX_MICROS = 3_600_000_000L;

    static long of(long nanos) {
        if (nanos <= 0) return 0;
        long us = nanos / 1_000L;
        return us > MAX_MICROS ? MAX_MICROS : us;
    }
}
