package io.barrage.engine.pattern;

import io.barrage.engine.format.Durations;
import io.barrage.engine.validation.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A value computed by a function of the seconds since the phase began ({@code expr} in the DSL).
 * A function that throws or returns NaN or a negative number yields 0 at that instant: the hot path
 * clamps and does not throw.
 */
public record Expression(DoubleUnaryOperator function, Duration duration, String text) implements Pattern {

    @Override
    public double valueAt(long t) {
        try {
            return Pattern.clamp(function.applyAsDouble(Pattern.seconds(t)));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override public long durationNanos() { return Num.nanos(duration); }
    @Override public String kind() { return "expr"; }

    @Override
    public String describe() {
        return "expr " + (text == null || text.isBlank() ? "{ t -> … }" : text) + " for " + Durations.format(duration);
    }

    @Override
    public List<Problem> validate(String where) {
        List<Problem> out = new ArrayList<>();
        if (function == null) out.add(Problem.of(where, this, "value", "an expression pattern needs a function of t"));
        Num.positive(out, where, this, "for", duration);
        if (function != null && duration != null && !duration.isNegative() && !duration.isZero()) {
            try {
                double v0 = function.applyAsDouble(0);
                if (Double.isNaN(v0) || Double.isInfinite(v0)) {
                    out.add(Problem.of(where, this, "value", "the expression gives " + v0 + " at t = 0"));
                }
            } catch (RuntimeException e) {
                out.add(Problem.of(where, this, "value", "the expression fails at t = 0: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            }
        }
        return out;
    }
}
