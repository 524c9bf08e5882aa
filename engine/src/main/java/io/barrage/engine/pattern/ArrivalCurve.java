package io.barrage.engine.pattern;

import java.util.SplittableRandom;
import java.util.function.LongToDoubleFunction;

/**
 * Turns a rate (arrivals per second, as a function of time) into intended start times by walking the
 * cumulative arrival curve Λ(t) = ∫ rate: arrival {@code k} is due when Λ reaches level {@code k + ½}
 * (even spacing) or the {@code k}-th point of a unit-rate Poisson process drawn from a seeded
 * generator (Poisson spacing). Start times never depend on when earlier arrivals finished.
 *
 * <p>Every arrival gets its index {@code k} in one global sequence, so N workers that each walk the
 * same curve and keep only {@code k mod N = i} split the schedule exactly.
 *
 * <p>The curve is integrated in steps of at most one millisecond with the trapezoid rule (exact for
 * piecewise-linear rates) and each crossing is solved inside its step. The rate is read afresh for
 * every step, so a rate changed while running (scale, override) bends the curve from then on.
 * Not thread-safe: one scheduler owns one curve.
 */
public final class ArrivalCurve {

    /** How arrivals are spaced along the curve. */
    public enum Spacing { EVEN, POISSON }

    static final long STEP_NANOS = 1_000_000L;

    private final Spacing spacing;
    private final SplittableRandom random;
    private long cursor;
    private double level;
    private double nextLevel;
    private long nextIndex;

    /** @param start the time (in the caller's time base, nanoseconds) where Λ = 0 */
    public ArrivalCurve(Spacing spacing, long seed, long start) {
        this.spacing = spacing;
        this.random = new SplittableRandom(seed);
        this.cursor = start;
        this.level = 0;
        this.nextLevel = spacing == Spacing.EVEN ? 0.5 : exponential();
    }

    /**
     * Walks the curve from the cursor up to {@code limit} and returns the intended time of the next
     * arrival if it falls at or before {@code limit}; the cursor then stands at that arrival and
     * {@link #index()} gives its index. Returns {@link Long#MIN_VALUE} when no arrival falls before
     * {@code limit}; the cursor then stands at {@code limit}.
     *
     * @param rate arrivals per second at a time (same time base); negative or NaN counts as zero
     */
    public long next(long limit, LongToDoubleFunction rate) {
        while (cursor < limit) {
            long end = Math.min(cursor + STEP_NANOS, limit);
            long span = end - cursor;
            double r0 = clamp(rate.applyAsDouble(cursor));
            double r1 = clamp(rate.applyAsDouble(end));
            double area = (r0 + r1) * 0.5 * span / 1e9;
            double need = nextLevel - level;
            if (area > 0 && area >= need) {
                long x = solve(r0, r1, span, Math.max(0, need));
                cursor = Math.min(end, cursor + Math.max(0, x));
                level = nextLevel;
                advanceLevel();
                return cursor;
            }
            level += area;
            cursor = end;
        }
        return Long.MIN_VALUE;
    }

    /** The global index of the arrival that {@link #next} returned last (0 for the first arrival). */
    public long index() {
        return nextIndex - 1;
    }

    /** How many arrivals the curve has produced so far. */
    public long count() {
        return nextIndex;
    }

    /** The time up to which the curve has been walked. */
    public long cursor() {
        return cursor;
    }

    /** The cumulative level Λ at the cursor. */
    public double level() {
        return level;
    }

    /** Moves the cursor to {@code time} without accumulating arrivals: paused time makes no load. */
    public void jumpTo(long time) {
        if (time > cursor) cursor = time;
    }

    private void advanceLevel() {
        nextIndex++;
        nextLevel += spacing == Spacing.EVEN ? 1.0 : exponential();
    }

    private double exponential() {
        return -Math.log(1.0 - random.nextDouble());
    }

    /** Nanoseconds into a step of linear rate r0 → r1 at which the area reaches {@code need}. */
    static long solve(double r0, double r1, long span, double need) {
        double spanS = span / 1e9;
        double a = (r1 - r0) / (2 * spanS);            // A(x) = r0·x + a·x², x in seconds
        double disc = r0 * r0 + 4 * a * need;
        double x = need == 0 ? 0 : 2 * need / (r0 + Math.sqrt(Math.max(0, disc)));
        if (Double.isNaN(x) || Double.isInfinite(x)) x = spanS;
        return Math.round(Math.min(x, spanS) * 1e9);
    }

    private static double clamp(double r) {
        return r > 0 && r < Double.POSITIVE_INFINITY ? r : 0;
    }
}
