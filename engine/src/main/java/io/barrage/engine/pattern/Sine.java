package io.barrage.engine.pattern;

import io.barrage.engine.format.Durations;
import io.barrage.engine.validation.Problem;
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

    /**
     * A wave whose amplitude is above its base spends part of each period clamped at 0, so it makes
     * more load than its base on average: said in numbers (the share of each period at 0, the
     * load planned against the whole wave's), since a clipped wave may be meant.
     */
    @Override
    public List<Problem> warnings(String where, LoadModel model) {
        if (!(amplitude > base) || !validate(where).isEmpty()) return List.of();
        double atZero = 0.5 - Math.asin(base / amplitude) / Math.PI;
        double seconds = durationNanos() / 1e9;
        double p = period.toNanos() / 1e9;
        double whole = base * seconds + amplitude * p / (2 * Math.PI) * (Math.cos(phase) - Math.cos(2 * Math.PI * seconds / p + phase));
        String word = model == null ? "rate" : model.word();
        String effect;
        if (model == LoadModel.CLOSED) {
            effect = tenths(Arrivals.area(this) / seconds) + " users on average instead of " + tenths(whole / seconds);
        } else {
            long planned = Arrivals.expectedCount(List.of(this));
            effect = "about " + planned + " arrivals (" + tenths(planned / seconds) + "/s on average) instead of the "
                    + Math.round(whole) + " (" + tenths(whole / seconds) + "/s) of the whole wave";
        }
        long percent = Math.round(atZero * 100);
        return List.of(Problem.of(where, this, "amplitude", "amplitude " + Num.fmt(amplitude) + " is larger than " + word + " "
                + Num.fmt(base) + ", so the load is clamped at 0 for " + (percent == 0 ? "under 1%" : percent + "%")
                + " of each period: " + effect + "; make amplitude ≤ " + word + " for a wave that is never clamped"));
    }

    private static String tenths(double v) {
        return Num.fmt(Math.round(v * 10) / 10.0);
    }

    @Override
    public List<Problem> validate(String where) {
        List<Problem> out = new ArrayList<>();
        Num.nonNegative(out, where, this, "value", base);
        Num.nonNegative(out, where, this, "amplitude", amplitude);
        Num.positive(out, where, this, "period", period);
        if (Double.isNaN(phase) || Double.isInfinite(phase)) {
            out.add(Problem.of(where, this, "phase", "phase must be a finite number of radians, got " + phase));
        }
        Num.positive(out, where, this, "for", duration);
        return out;
    }
}
