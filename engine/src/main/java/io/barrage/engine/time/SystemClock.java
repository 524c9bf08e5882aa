package io.barrage.engine.time;

import io.barrage.engine.loop.EventLoop;
import java.util.concurrent.locks.LockSupport;

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
    public void wake(Thread thread) {
        LockSupport.unpark(thread);
    }
}
