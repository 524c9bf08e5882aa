package io.barrage.engine.pattern;

import io.barrage.engine.format.Durations;
import io.barrage.engine.validation.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A steady value for a while ({@code hold} in the DSL). */
public record Constant(double value, Duration duration) implements Pattern {

    @Override public double valueAt(long t) { return Pattern.clamp(value); }
    @Override public long durationNanos() { return duration.toNanos(); }
    @Override public String kind() { return "hold"; }
    @Override public String describe() { return "hold " + Num.fmt(value) + " for " + Durations.format(duration); }
    @Override public double maxValue() { return Pattern.clamp(value); }

    @Override
    public List<Problem> validate(String where) {
        List<Problem> out = new ArrayList<>();
        Num.nonNegative(out, where, this, "value", value);
        Num.positive(out, where, this, "for", duration);
        return out;
    }
}
