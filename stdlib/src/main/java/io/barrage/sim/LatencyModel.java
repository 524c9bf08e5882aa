package io.barrage.sim;

import io.barrage.engine.format.Durations;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a simulated backend takes: a distribution plus an optional tail (a share of requests
 * that take a fixed extra time, as GC pauses or cold caches do).
 *
 * @param kind       the distribution
 * @param a          constant: the value; uniform: the minimum; normal: the mean; log-normal: the median (nanoseconds)
 * @param b          uniform: the maximum; normal: the standard deviation (nanoseconds); otherwise 0
 * @param sigma      log-normal: the shape (σ of the underlying normal); otherwise 0
 * @param tailChance share of requests (0..1) that take {@code tailNanos} more
 * @param tailNanos  the extra time of the tail
 */
public record LatencyModel(Kind kind, long a, long b, double sigma, double tailChance, long tailNanos) {

    public enum Kind { CONSTANT, UNIFORM, NORMAL, LOGNORMAL }

    public static final LatencyModel ZERO = constant(Duration.ZERO);

    public LatencyModel {
        if (kind == null) throw new IllegalArgumentException("a latency needs a distribution");
        if (a < 0 || b < 0) throw new IllegalArgumentException("latency must not be negative");
        if (kind == Kind.UNIFORM && b < a) throw new IllegalArgumentException("latency must be a range min..max with 0 ≤ min ≤ max");
        if (kind == Kind.LOGNORMAL && !(sigma > 0 && sigma <= 5)) {
            throw new IllegalArgumentException("log-normal sigma must be between 0 and 5, got " + sigma);
        }
        if (!(tailChance >= 0 && tailChance <= 1)) throw new IllegalArgumentException("the tail's share must be between 0% and 100%, got " + tailChance);
        if (tailNanos < 0) throw new IllegalArgumentException("the tail's latency must not be negative");
    }

    public static LatencyModel constant(Duration d) {
        return new LatencyModel(Kind.CONSTANT, d.toNanos(), 0, 0, 0, 0);
    }

    public static LatencyModel uniform(Duration min, Duration max) {
        if (min.equals(max)) return constant(min);
        return new LatencyModel(Kind.UNIFORM, min.toNanos(), max.toNanos(), 0, 0, 0);
    }

    public static LatencyModel normal(Duration mean, Duration stddev) {
        return new LatencyModel(Kind.NORMAL, mean.toNanos(), stddev.toNanos(), 0, 0, 0);
    }

    public static LatencyModel logNormal(Duration median, double sigma) {
        return new LatencyModel(Kind.LOGNORMAL, median.toNanos(), 0, sigma, 0, 0);
    }

    /** The same distribution with a tail: {@code chance} of requests take {@code extra} more. */
    public LatencyModel withTail(double chance, Duration extra) {
        return new LatencyModel(kind, a, b, sigma, chance, extra.toNanos());
    }

    /** One latency, in nanoseconds, never negative. */
    public long sample(RandomGenerator r) {
        long v = switch (kind) {
            case CONSTANT -> a;
            case UNIFORM -> a + (long) (r.nextDouble() * (b - a + 1));
            case NORMAL -> Math.round(a + r.nextGaussian() * b);
            case LOGNORMAL -> Math.round(a * Math.exp(sigma * r.nextGaussian()));
        };
        if (tailChance > 0 && r.nextDouble() < tailChance) v += tailNanos;
        return Math.max(0, v);
    }

    /** The mean latency in nanoseconds (what capacity planning reads). */
    public double meanNanos() {
        double m = switch (kind) {
            case CONSTANT, NORMAL -> a;
            case UNIFORM -> (a + b) / 2.0;
            case LOGNORMAL -> a * Math.exp(sigma * sigma / 2);
        };
        return m + tailChance * tailNanos;
    }

    public boolean isZero() {
        return kind == Kind.CONSTANT && a == 0 && (tailChance == 0 || tailNanos == 0);
    }

    /**
     * Parses the command line's form: {@code 5ms}, {@code 5ms..20ms}, {@code normal(20ms,5ms)},
     * {@code lognormal(20ms,0.5)}, each optionally followed by {@code +1%:300ms} for a tail.
     */
    public static LatencyModel parse(String text) {
        String s = text.trim().replace(" ", "");
        LatencyModel tail = null;
        int plus = s.indexOf('+');
        String tailText = null;
        if (plus > 0) {
            tailText = s.substring(plus + 1);
            s = s.substring(0, plus);
        }
        LatencyModel m;
        try {
            if (s.startsWith("normal(") && s.endsWith(")")) {
                String[] p = s.substring(7, s.length() - 1).split(",");
                if (p.length != 2) throw new IllegalArgumentException();
                m = normal(Durations.parse(p[0]), Durations.parse(p[1]));
            } else if (s.startsWith("lognormal(") && s.endsWith(")")) {
                String[] p = s.substring(10, s.length() - 1).split(",");
                if (p.length != 2) throw new IllegalArgumentException();
                m = logNormal(Durations.parse(p[0]), Double.parseDouble(p[1]));
            } else if (s.contains("..")) {
                String[] p = s.split("\\.\\.", 2);
                m = uniform(Durations.parse(p[0]), Durations.parse(p[1]));
            } else {
                m = constant(Durations.parse(s));
            }
            if (tailText != null) {
                String[] p = tailText.split(":", 2);
                if (p.length != 2 || !p[0].endsWith("%")) throw new IllegalArgumentException();
                m = m.withTail(Double.parseDouble(p[0].substring(0, p[0].length() - 1)) / 100, Durations.parse(p[1]));
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && !(e instanceof NumberFormatException)) {
                throw new IllegalArgumentException("latency '" + text + "': " + e.getMessage());
            }
            throw new IllegalArgumentException("latency '" + text + "' is not one of 5ms, 5ms..20ms, normal(20ms,5ms), "
                    + "lognormal(20ms,0.5), optionally with a tail such as +1%:300ms");
        }
        return m;
    }

    /** As {@link #parse} reads it. */
    public String describe() {
        String s = switch (kind) {
            case CONSTANT -> fmt(a);
            case UNIFORM -> fmt(a) + ".." + fmt(b);
            case NORMAL -> "normal(" + fmt(a) + "," + fmt(b) + ")";
            case LOGNORMAL -> "lognormal(" + fmt(a) + "," + sigma + ")";
        };
        if (tailChance > 0) s += "+" + io.barrage.engine.format.Numbers.format(tailChance * 100) + "%:" + fmt(tailNanos);
        return s;
    }

    private static String fmt(long nanos) {
        return Durations.format(Duration.ofNanos(nanos));
    }

    @Override
    public String toString() {
        return describe();
    }
}
