package io.barrage.sim;

import io.barrage.engine.metrics.MetricNames;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One backend at run time: its queue (a fair semaphore of {@code capacity} permits, so latency
 * grows with load past capacity as a real service's does), the faults switched on for it, the
 * balancer's view of its health, and its counters.
 */
final class Backend {
    final BackendConfig config;
    final int index;
    private final Semaphore permits;
    /** Requests admitted: queued or being served. What least-connections reads. */
    final AtomicInteger inFlight = new AtomicInteger();
    /** Requests being served (holding a permit). */
    final AtomicInteger busy = new AtomicInteger();
    final LongAdder requests = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder timedOut = new LongAdder();
    private final Recorder latency = new Recorder(MetricNames.DIGITS);
    private final Histogram latencyTotal = new Histogram(MetricNames.DIGITS);

    // faults (written by SimService under its lock, read on every request)
    volatile boolean down, hanging, partitioned;
    volatile long extraNanos;
    volatile double burstRate;
    volatile int burstStatus;

    // the balancer's view, written by the health checker
    volatile boolean healthy = true;
    int failures, successes;

    Backend(BackendConfig config, int index) {
        this.config = config;
        this.index = index;
        this.permits = config.capacity() > 0 ? new Semaphore(config.capacity(), true) : null;
    }

    String name() {
        return config.name();
    }

    /** True while a request to it would not be answered: hanging or cut off. */
    boolean unreachable() {
        return hanging || partitioned;
    }

    /** Waits for a place in its capacity; false if interrupted or past {@code timeout}. */
    boolean admit(Duration timeout) throws InterruptedException {
        if (permits == null) {
            busy.incrementAndGet();
            return true;
        }
        if (!permits.tryAcquire(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) return false;
        busy.incrementAndGet();
        return true;
    }

    void release() {
        busy.decrementAndGet();
        if (permits != null) permits.release();
    }

    void recordLatency(long nanos) {
        latency.recordValue(Math.max(0, nanos / 1000));
    }

    /** The run total of its latency (microseconds), folding in what was recorded since the last call. */
    synchronized Histogram latencyTotal() {
        latencyTotal.add(latency.getIntervalHistogram());
        return latencyTotal.copy();
    }

    /** Requests waiting for a place. */
    int queued() {
        return Math.max(0, inFlight.get() - busy.get());
    }

    /** The CPU it reports: the busy share of its capacity, times its cores. */
    double cpu() {
        if (config.capacity() == 0) return Math.min(config.cpuCores(), busy.get() * 0.01 * config.cpuCores());
        return config.cpuCores() * busy.get() / config.capacity();
    }

    /** The memory it reports: at rest plus 1 MB per request in flight. */
    long memoryBytes() {
        return (config.memoryMb() + (long) inFlight.get()) << 20;
    }
}
