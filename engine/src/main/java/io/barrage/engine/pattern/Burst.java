package io.barrage.engine.pattern;

import io.barrage.engine.format.Durations;
import io.barrage.engine.validation.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Periodic bursts: {@code rate} for {@code length} at the start of every {@code every}, {@code base}
 * in between, {@code times} times. The pattern lasts {@code every × times}.
 */
public record Burst(double rate, double base, Duration length, Duration every, int times) implements Pattern {

    @Override
    public double valueAt(long t) {
        long e = Num.nanos(every);
        if (e <= 0) return Pattern.clamp(base);
        long within = Math.floorMod(t, e);
        return Pattern.clamp(within < Num.nanos(length) ? rate : base);
    }

    @Override public long durationNanos() { return Num.nanos(every) * Math.max(times, 0); }
    @Override public String kind() { return "burst"; }
    @Override public double maxValue() { return Pattern.clamp(Math.max(rate, base)); }

    @Override
    public String describe() {
        return "burst " + Num.fmt(rate) + " for " + Durations.format(length) + " every " + Durations.format(every)
                + " ×" + times + " (base " + Num.fmt(base) + ")";
    }

    @Override
    public List<Problem> validate(String where) {
        List<Problem> out = new ArrayList<>();
        Num.nonNegative(out, where, this, "value", rate);
        Num.nonNegative(out, where, this, "base", base);
        Num.positive(out, where, this, "length", length);
        Num.positive(out, where, this, "every", every);
        if (times < 1) out.add(Problem.of(where, this, "times", "times must be ≥ 1, got " + times));
        if (length != null && every != null && length.compareTo(every) > 0) {
            out.add(Problem.of(where, this, "length", "length (" + Durations.format(length)
                    + ") must not be longer than every (" + Durations.format(every) + ")"));
        }
        return out;
    }
}
