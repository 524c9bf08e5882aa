package io.barrage.engine.time;

import java.util.HashMap;
import java.util.Map;

/**
 * A clock that only moves when a test moves it. Threads that park on it wait until the test
 * {@link #advance advances} time past their deadline (or wakes them); {@link #awaitParked} lets a
 * test wait until the system under test has caught up with the new time. Nothing here sleeps on
 * real time except a bounded wait for other threads to park (a hang guard, not a timing).
 */
public final class FakeClock implements Clock {
    private static final long EPOCH_MILLIS = 1_780_000_000_000L;
    private long now;
    private final Map<Thread, Long> parked = new HashMap<>();

    public FakeClock() {
        this(1_000_000_000L);
    }

    public FakeClock(long startNanos) {
        this.now = startNanos;
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized long epochMillis() {
        return EPOCH_MILLIS + now / 1_000_000L;
    }

    @Override
    public synchronized void park(long deadline) throws InterruptedException {
        if (deadline <= now) return;
        Thread self = Thread.currentThread();
        parked.put(self, deadline);
        notifyAll();
        try {
            wait();
        } finally {
            parked.remove(self);
            notifyAll();
        }
    }

    @Override
    public synchronized void wake(Thread thread) {
        notifyAll();
    }

    /** Moves time forward by {@code nanos} and wakes every parked thread. */
    public synchronized void advance(long nanos) {
        now += nanos;
        notifyAll();
    }

    /** Moves time forward by {@code millis} milliseconds. */
    public void advanceMillis(long millis) {
        advance(millis * 1_000_000L);
    }

    /**
     * Advances in steps of {@code stepNanos}, after each step waiting until {@code threads} threads
     * are parked again, so that every thread sees every step.
     */
    public void advanceInSteps(long totalNanos, long stepNanos, int threads) {
        for (long done = 0; done < totalNanos; done += stepNanos) {
            advance(Math.min(stepNanos, totalNanos - done));
            awaitParked(threads);
        }
    }

    /**
     * Waits (at most 10 s of real time, as a hang guard) until at least {@code count} threads are
     * parked on deadlines still ahead of the fake time.
     */
    public synchronized void awaitParked(int count) {
        long giveUp = System.nanoTime() + 10_000_000_000L;
        while (waiting() < count) {
            long left = giveUp - System.nanoTime();
            if (left <= 0) throw new AssertionError("only " + waiting() + " of " + count + " threads parked");
            try {
                wait(Math.max(1, left / 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Threads parked on a deadline that has not come yet. */
    public synchronized int parkedCount() {
        return waiting();
    }

    private int waiting() {
        int n = 0;
        for (long d : parked.values()) if (d > now) n++;
        return n;
    }
}
