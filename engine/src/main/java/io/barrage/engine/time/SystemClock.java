package io.barrage.engine.time;

import io.barrage.engine.loop.EventLoop;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** The real clock: {@link System#nanoTime()} and parking (never spins): on an event loop's timer, else {@link LockSupport#parkNanos}. */
final class SystemClock implements Clock {
    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {}

    @Override public long nanoTime() { return System.nanoTime(); }

    @Override public long epochMillis() { return System.currentTimeMillis(); }

    @Override
    public void park(long deadline) throws InterruptedException {
        long wait = deadline - System.nanoTime();
        if (wait > 0) {
            EventLoop loop = EventLoop.current();
            if (loop != null) loop.parkUntil(deadline);   // the loop's own timer: no hand-off to the JDK's
            else LockSupport.parkNanos(this, wait);
        }
        if (Thread.interrupted()) throw new InterruptedException();
    }

    @Override
    public boolean sleepBetween(long earliest, long latest, BooleanSupplier cancelled) throws InterruptedException {
        EventLoop loop = EventLoop.current();
        if (loop == null) return sleepUntil(latest, cancelled);
        while (true) {
            if (cancelled.getAsBoolean()) return false;
            long now = System.nanoTime();
            if (now - earliest >= 0) return true;
            loop.parkBetween(earliest, latest);
            if (Thread.interrupted()) throw new InterruptedException();
        }
    }

    @Override
    public void wake(Thread thread) {
        LockSupport.unpark(thread);
    }
}
