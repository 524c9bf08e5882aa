package io.barrage.engine.time;

import java.util.concurrent.locks.LockSupport;

/** The real clock: {@link System#nanoTime()} and {@link LockSupport#parkNanos} (never spins). */
final class SystemClock implements Clock {
    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {}

    @Override public long nanoTime() { return System.nanoTime(); }

    @Override public long epochMillis() { return System.currentTimeMillis(); }

    @Override
    public void park(long deadline) throws InterruptedException {
        long wait = deadline - System.nanoTime();
        if (wait > 0) LockSupport.parkNanos(this, wait);
        if (Thread.interrupted()) throw new InterruptedException();
    }

    @Override
    public void wake(Thread thread) {
        LockSupport.unpark(thread);
    }
}
