package io.barrage.engine.pattern;

import io.barrage.engine.format.Durations;
import io.barrage.engine.validation.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A sudden peak: from {@code base} up to {@code rate} in {@code rise}, held {@code hold}, back to
 * {@code base} in {@code fall}. Rise and fall default to zero (a square spike).
 */
public record Spike(double rate, double base, Duration rise, Duration hold, Duration fall) implements Pattern {

    public Spike {
        if (rise == null) rise = Duration.ZERO;
        if (fall == null) fall = Duration.ZERO;
    }

    @Override
    public double valueAt(long t) {
        long r = rise.toNanos(), h = Num.nanos(hold), f = fall.toNanos();
        if (t < r) return Pattern.clamp(base + (rate - base) * ((double) t / r));
        if (t < r + h) return Pattern.clamp(rate);
        if (f > 0 && t < r + h + f) return Pattern.clamp(rate + (base - rate) * ((double) (t - r - h) / f));
        return f > 0 ? Pattern.clamp(base) : Pattern.clamp(rate);
    }

    @Override public long durationNanos() { return rise.toNanos() + Num.nanos(hold) + fall.toNanos(); }
    @Override public String kind() { return "spike"; }
    @Override public double maxValue() { return Pattern.clamp(Math.max(rate, base)); }

    @Override
    public String describe() {
        return "spike to " + Num.fmt(rate) + " for " + Durations.format(hold)
                + (rise.isZero() && fall.isZero() ? "" : " (rise " + Durations.format(rise) + ", fall " + Durations.format(fall) + ")");
    }

    @Override
    public List<Problem> validate(String where) {
        List<Problem> out = new ArrayList<>();
        Num.nonNegative(out, where, this, "value", rate);
        Num.nonNegative(out, where, this, "base", base);
        Num.nonNegative(out, where, this, "rise", rise);
        Num.positive(out, where, this, "for", hold);
        Num.nonNegative(out, where, this, "fall", fall);
        return out;
    }
}
