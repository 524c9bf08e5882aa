package io.barrage.engine.pattern;

import io.barrage.engine.model.Durations;
import io.barrage.engine.model.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A wave around a base: {@code base + amplitude · sin(2π·t/period + phase)}, where {@code phase}
 * is in radians. Values below zero are clamped to zero.
 */
public record Sine(double base, double amplitude, Duration period, double phase, Duration duration) implements Pattern {

    @Override
    public double valueAt(long t) {
        long p = Num.nanos(period);
        if (p <= 0) return Pattern.clamp(base);
        return Pattern.clamp(base + amplitude * Math.sin(2 * Math.PI * ((double) t / p) + phase));
    }

    @Override public long durationNanos() { return Num.nanos(duration); }
    @Override public String kind() { return "sine"; }
    @Override public double maxValue() { return Pattern.clamp(base + Math.abs(amplitude)); }

    @Override
    public String describe() {
        return "sine " + Num.fmt(base) + " ± " + Num.fmt(amplitude) + " every " + Durations.format(period)
                + " for " + Durations.format(duration);
    }

    @Override
    public List<Problem> validate(String where) {
        List<Problem> out = new ArrayList<>();
        Num.nonNegative(out, where, this, "rate", base);
        Num.nonNegative(out, where, this, "amplitude", amplitude);
        Num.positive(out, where, this, "period", period);
        if (Double.isNaN(phase) || Double.isInfinite(phase)) {
            out.add(Problem.of(where, this, "phase", "phase must be a finite number of radians, got " + phase));
        }
        Num.positive(out, where, this, "for", duration);
        return out;
    }
}
