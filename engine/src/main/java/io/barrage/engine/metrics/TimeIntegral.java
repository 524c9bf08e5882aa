package io.barrage.engine.metrics;

/**
 * A quantity that holds between changes (users running, the load the plan asks for) and its
 * integral over time, in value-nanoseconds: the integral's growth over an interval, divided by the
 * interval's length, is the quantity's mean over it — what an interval reports, where its value at
 * the interval's end would miss what changed within it. Thread-safe; a change costs a lock.
 */
final class TimeIntegral {
    private double value;
    private double integral;
    private long since = Long.MIN_VALUE;

    /** The value changes by {@code delta} at {@code now} (clock nanoseconds). */
    synchronized void add(double delta, long now) {
        advance(now);
        value += delta;
    }

    /** The value is {@code v} from {@code now} on. */
    synchronized void set(double v, long now) {
        advance(now);
        value = v;
    }

    /** The integral until {@code now}. */
    synchronized double integral(long now) {
        advance(now);
        return integral;
    }

    private void advance(long now) {
        if (since == Long.MIN_VALUE) {
            since = now;
        } else if (now - since > 0) {
            integral += value * (now - since);
            since = now;
        }
    }
}
