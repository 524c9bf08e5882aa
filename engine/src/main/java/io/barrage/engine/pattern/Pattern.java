package io.barrage.engine.pattern;

import io.barrage.engine.validation.Problem;
import io.barrage.engine.validation.Validatable;
import java.util.List;

/**
 * The shape of a load over one phase: a value (arrivals per second in the open model, users in the
 * closed model) as a function of the time since the phase began. Patterns are data; executors read
 * them through {@link #valueAt(long)}, the planner draws them, and {@link Arrivals} derives the
 * intended start times of an open model from them.
 */
public sealed interface Pattern extends Validatable
        permits Constant, Ramp, Sine, Burst, Step, Points, Spike, Expression {

    /** The value at {@code tNanos} since the phase began; never negative, never NaN. */
    double valueAt(long tNanos);

    /** How long the pattern lasts. */
    long durationNanos();

    /** The DSL word for this pattern: hold, ramp, sine, burst, step, points, spike, expr. */
    String kind();

    /** A one-line description for plans and summaries, e.g. {@code ramp 10 → 200 over 1m}. */
    String describe();

    /** The largest value over the whole pattern (sampled where the pattern is not piecewise simple). */
    default double maxValue() {
        long d = durationNanos();
        double max = 0;
        int samples = 2000;
        for (int i = 0; i <= samples; i++) {
            max = Math.max(max, valueAt(d / samples * i));
        }
        return max;
    }

    /**
     * What may not be what the author meant, though the pattern is valid (a wave clamped at 0):
     * warnings, not problems. Fields and messages as in {@link #validate}.
     *
     * @param model whether the value is a rate or users, for the wording
     */
    default List<Problem> warnings(String where, LoadModel model) {
        return List.of();
    }

    /** Clamps a raw value to the legal range: NaN and negatives become 0. */
    static double clamp(double v) {
        return v > 0 ? v : 0;   // also maps NaN to 0
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
