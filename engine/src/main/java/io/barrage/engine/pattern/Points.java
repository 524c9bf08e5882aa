package io.barrage.engine.pattern;

import io.barrage.engine.format.Durations;
import io.barrage.engine.validation.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A custom curve through (time, value) points, linear between them. With {@code loop} the curve
 * repeats every {@code last point's time}; without it the last value holds until the end.
 * The duration defaults to the last point's time.
 */
public record Points(List<Point> points, boolean loop, Duration duration) implements Pattern {

    /** One point of the curve: the value at a time since the phase began. */
    public record Point(Duration at, double value) {}

    public Points {
        points = points == null ? List.of() : List.copyOf(points);
        if (duration == null && !points.isEmpty()) duration = points.get(points.size() - 1).at();
    }

    @Override
    public double valueAt(long t) {
        if (points.isEmpty()) return 0;
        long last = Num.nanos(points.get(points.size() - 1).at());
        if (loop && last > 0) t = Math.floorMod(t, last);
        Point prev = points.get(0);
        if (t <= Num.nanos(prev.at())) return Pattern.clamp(prev.value());
        for (int i = 1; i < points.size(); i++) {
            Point p = points.get(i);
            long pt = Num.nanos(p.at()), qt = Num.nanos(prev.at());
            if (t <= pt) {
                if (pt == qt) return Pattern.clamp(p.value());
                double f = (double) (t - qt) / (pt - qt);
                return Pattern.clamp(prev.value() + (p.value() - prev.value()) * f);
            }
            prev = p;
        }
        return Pattern.clamp(prev.value());
    }

    @Override public long durationNanos() { return Num.nanos(duration); }
    @Override public String kind() { return "points"; }

    @Override
    public double maxValue() {
        return points.stream().mapToDouble(p -> Pattern.clamp(p.value())).max().orElse(0);
    }

    @Override
    public String describe() {
        return "points ×" + points.size() + (loop ? " looped" : "") + " for " + Durations.format(duration);
    }

    @Override
    public List<Problem> validate(String where) {
        List<Problem> out = new ArrayList<>();
        if (points.size() < 2) out.add(Problem.of(where, this, "points", "points needs at least two (time, value) pairs"));
        Duration prev = null;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (p.at() == null || p.at().isNegative()) {
                out.add(Problem.of(where, this, "points", "points[" + i + "] time must be ≥ 0"));
            } else if (prev != null && p.at().compareTo(prev) < 0) {
                out.add(Problem.of(where, this, "points", "points[" + i + "] at " + Durations.format(p.at())
                        + " comes before the point ahead of it (" + Durations.format(prev) + "): times must not go back"));
            }
            if (Double.isNaN(p.value()) || p.value() < 0) {
                out.add(Problem.of(where, this, "points", "points[" + i + "] value must be ≥ 0, got " + Num.fmt(p.value())));
            }
            if (p.at() != null) prev = p.at();
        }
        Num.positive(out, where, this, "for", duration);
        if (loop && !points.isEmpty() && Num.nanos(points.get(points.size() - 1).at()) <= 0) {
            out.add(Problem.of(where, this, "loop", "a looped curve needs its last point after 0s"));
        }
        return out;
    }
}
