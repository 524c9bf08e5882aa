package io.barrage.engine.pattern;

import io.barrage.engine.format.Durations;
import io.barrage.engine.validation.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A straight line from one value to another over a duration (up or down). */
public record Ramp(double from, double to, Duration duration) implements Pattern {

    @Override
    public double valueAt(long t) {
        long d = Num.nanos(duration);
        if (d <= 0) return Pattern.clamp(to);
        double f = Math.min(1.0, Math.max(0.0, (double) t / d));
        return Pattern.clamp(from + (to - from) * f);
    }

    @Override public long durationNanos() { return Num.nanos(duration); }
    @Override public String kind() { return "ramp"; }
    @Override public double maxValue() { return Pattern.clamp(Math.max(from, to)); }

    @Override
    public String describe() {
        return "ramp " + Num.fmt(from) + " → " + Num.fmt(to) + " over " + Durations.format(duration);
    }

    @Override
    public List<Problem> validate(String where) {
        List<Problem> out = new ArrayList<>();
        Num.nonNegative(out, where, this, "from", from);
        Num.nonNegative(out, where, this, "to", to);
        Num.positive(out, where, this, "over", duration);
        return out;
    }
}
