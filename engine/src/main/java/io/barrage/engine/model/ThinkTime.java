package io.barrage.engine.model;

import io.barrage.engine.format.Durations;
import io.barrage.engine.validation.Problem;
import io.barrage.engine.validation.Validatable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** How long a virtual user pauses: constant, uniform, normal or exponential. Samples are never negative. */
public sealed interface ThinkTime extends Validatable {

    /** One pause, in nanoseconds. */
    long sampleNanos(RandomGenerator random);

    String describe();

    /** True when {@link #validate} would find nothing, without building its list (user code asks on every pause). */
    boolean valid();

    static ThinkTime constant(Duration d) { return new Fixed(d); }
    static ThinkTime uniform(Duration min, Duration max) { return new Uniform(min, max); }
    static ThinkTime normal(Duration mean, Duration stddev) { return new Normal(mean, stddev); }
    static ThinkTime exponential(Duration mean) { return new Exponential(mean); }

    /** Always the same pause. */
    record Fixed(Duration duration) implements ThinkTime {
        public long sampleNanos(RandomGenerator r) { return Math.max(0, duration.toNanos()); }
        public String describe() { return Durations.format(duration); }
        public boolean valid() { return ok(duration); }
        public List<Problem> validate(String where) {
            List<Problem> out = new ArrayList<>();
            nonNegative(out, where, this, "think", duration);
            return out;
        }
    }

    /** Evenly spread between min and max. */
    record Uniform(Duration min, Duration max) implements ThinkTime {
        public long sampleNanos(RandomGenerator r) {
            long lo = min.toNanos(), hi = max.toNanos();
            return hi <= lo ? Math.max(0, lo) : Math.max(0, lo + (long) (r.nextDouble() * (hi - lo)));
        }
        public String describe() { return "uniform(" + Durations.format(min) + ", " + Durations.format(max) + ")"; }
        public boolean valid() { return ok(min) && ok(max) && max.compareTo(min) >= 0; }
        public List<Problem> validate(String where) {
            List<Problem> out = new ArrayList<>();
            nonNegative(out, where, this, "min", min);
            nonNegative(out, where, this, "max", max);
            if (min != null && max != null && max.compareTo(min) < 0) {
                out.add(Problem.of(where, this, "max", "uniform think time needs min ≤ max, got "
                        + Durations.format(min) + " > " + Durations.format(max)));
            }
            return out;
        }
    }

    /** Gaussian around a mean, cut at zero. */
    record Normal(Duration mean, Duration stddev) implements ThinkTime {
        public long sampleNanos(RandomGenerator r) {
            return Math.max(0, Math.round(mean.toNanos() + r.nextGaussian() * stddev.toNanos()));
        }
        public String describe() { return "normal(" + Durations.format(mean) + ", σ " + Durations.format(stddev) + ")"; }
        public boolean valid() { return ok(mean) && ok(stddev); }
        public List<Problem> validate(String where) {
            List<Problem> out = new ArrayList<>();
            nonNegative(out, where, this, "mean", mean);
            nonNegative(out, where, this, "stddev", stddev);
            return out;
        }
    }

    /** Exponential with the given mean: the pauses of a Poisson process. */
    record Exponential(Duration mean) implements ThinkTime {
        public long sampleNanos(RandomGenerator r) {
            return Math.max(0, Math.round(-Math.log(1.0 - r.nextDouble()) * mean.toNanos()));
        }
        public String describe() { return "exponential(" + Durations.format(mean) + ")"; }
        public boolean valid() { return ok(mean); }
        public List<Problem> validate(String where) {
            List<Problem> out = new ArrayList<>();
            nonNegative(out, where, this, "mean", mean);
            return out;
        }
    }

    private static boolean ok(Duration d) {
        return d != null && !d.isNegative();
    }

    private static void nonNegative(List<Problem> out, String where, Object subject, String field, Duration d) {
        if (d == null) {
            out.add(Problem.of(where, subject, field, field + " is required"));
        } else if (d.isNegative()) {
            out.add(Problem.of(where, subject, field, ("think".equals(field) ? "think time" : "think time " + field)
                    + " must be ≥ 0, got " + Durations.format(d)));
        }
    }
}
