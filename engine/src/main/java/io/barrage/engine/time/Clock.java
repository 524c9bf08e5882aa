package io.barrage.engine.time;

import java.util.function.BooleanSupplier;

/**
 * Every place in the engine that reads or waits for time goes through a clock, so that executors,
 * thresholds and the reporter can be tested on fake time without sleeping.
 */
public interface Clock {

    /** Monotonic nanoseconds, for intervals and deadlines. */
    long nanoTime();

    /** Wall-clock milliseconds since the epoch, for timestamps in results. */
    long epochMillis();

    /**
     * Parks the calling thread until {@code deadline} (a {@link #nanoTime()} value) or until woken
     * by {@link #wake(Thread)}; it may also return early for no reason, so callers loop.
     */
    void park(long deadline) throws InterruptedException;

    /** Wakes a thread parked in {@link #park(long)}; harmless if it is not parked. */
    void wake(Thread thread);

    /**
     * Waits until {@code deadline} unless {@code cancelled} turns true first (checked after every
     * wake-up).
     *
     * @return true if the deadline was reached, false if cancelled
     */
    default boolean sleepUntil(long deadline, BooleanSupplier cancelled) throws InterruptedException {
        while (true) {
            if (cancelled.getAsBoolean()) return false;
            if (nanoTime() >= deadline) return true;
            park(deadline);
        }
    }

    /**
     * {@link #sleepUntil} {@code latest}, for a deadline that may come early: the real clock on an
     * event loop returns from {@code earliest} on as soon as waking costs nothing (the loop is awake
     * anyway: a socket or another timer woke it). Elsewhere, and on fake time, it sleeps until {@code latest}.
     *
     * @return true once woken at or after {@code earliest}, false if cancelled
     */
    default boolean sleepBetween(long earliest, long latest, BooleanSupplier cancelled) throws InterruptedException {
        return sleepUntil(latest, cancelled);
    }

    /** The real clock. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
