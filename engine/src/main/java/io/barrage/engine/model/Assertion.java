package io.barrage.engine.model;

import io.barrage.engine.validation.Problem;
import io.barrage.engine.validation.Validatable;
import java.util.ArrayList;
import java.util.List;

/**
 * A pass/fail condition on a run's numbers, such as {@code p95 < 250ms}, {@code errorRate < 1%} or
 * {@code p99('POST /cart') < 400ms}; optionally scoped to one step and/or one phase.
 *
 * @param stat      what is measured
 * @param timing    which of the three timings a percentile, max or mean reads (latency by default)
 * @param op        how the measured value is compared with the threshold
 * @param threshold the limit, in the unit of {@code unit}
 * @param unit      the unit the threshold was given in
 * @param step      the step the assertion is about, or null for the whole scenario
 * @param phase     the phase the assertion is about, or null for all load phases
 * @param text      the assertion as the user wrote it, for summaries
 * @param metric    a protocol's named timing (for a percentile, max or mean: {@code timing('ttft').p95})
 *                  or named counter (for {@link Stat#COUNTER}: {@code counter('tokens')}); null for
 *                  the three timings every call has; for {@link Stat#SCORE}, the analysis' name
 */
public record Assertion(Stat stat, Timing timing, Op op, double threshold, Unit unit,
                        String step, String phase, String text, String metric) implements Validatable {

    /** The score of the analysis named {@code analysis} ({@code balance > 95%}), of the whole load or one phase. */
    public static Assertion score(String analysis, Op op, double threshold, String phase, String text) {
        return new Assertion(Stat.SCORE, null, op, threshold, Unit.FRACTION, null, phase, text, analysis);
    }

    /** An assertion on one of the three timings every call has, or on a scenario's counts. */
    public Assertion(Stat stat, Timing timing, Op op, double threshold, Unit unit, String step, String phase, String text) {
        this(stat, timing, op, threshold, unit, step, phase, text, null);
    }

    /** What an assertion measures. Percentiles, max and mean read a {@link Timing}. */
    public enum Stat {
        P50("p50"), P90("p90"), P95("p95"), P99("p99"), P999("p999"), MAX("max"), MEAN("mean"),
        ERROR_RATE("errorRate"), RATE("rate"), ACHIEVED_RATE("achievedRate"), DROPPED("dropped"),
        /**
         * The score of one of the scenario's analyses, from 0 to 1; {@link Assertion#metric} names the
         * analysis ({@code balance}: 1 − the coefficient of variation of calls per backend).
         */
        SCORE("score"),
        /** Iterations whose user code threw: a count, or a share of the iterations started. */
        ITERATION_ERRORS("iterationErrors"),
        /** The total of a protocol's named counter ({@link Assertion#metric}), over its steps or one. */
        COUNTER("counter");

        private final String word;

        Stat(String word) { this.word = word; }

        public String word() { return word; }

        public boolean isTiming() { return ordinal() <= MEAN.ordinal(); }

        /** The percentile for p50..p999, NaN otherwise. */
        public double percentile() {
            return switch (this) {
                case P50 -> 50; case P90 -> 90; case P95 -> 95; case P99 -> 99; case P999 -> 99.9;
                default -> Double.NaN;
            };
        }
    }

    /** The three timings of every call. */
    public enum Timing {
        /** End minus intended start: corrected for coordinated omission. */
        LATENCY("latency"),
        /** End minus actual start: what the target alone took. */
        SERVICE("service"),
        /** Actual start minus intended start: how late the generator was. */
        LAG("lag");

        private final String word;

        Timing(String word) { this.word = word; }

        public String word() { return word; }
    }

    public enum Op {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("==");

        private final String symbol;

        Op(String symbol) { this.symbol = symbol; }

        public String symbol() { return symbol; }

        public boolean test(double value, double limit) {
            return switch (this) {
                case LT -> value < limit;
                case LE -> value <= limit;
                case GT -> value > limit;
                case GE -> value >= limit;
                case EQ -> value == limit;
            };
        }

        public static Op fromSymbol(String s) {
            for (Op op : values()) if (op.symbol.equals(s)) return op;
            throw new IllegalArgumentException("'" + s + "' is not a comparison (valid: <, <=, >, >=, ==)");
        }
    }

    /** The unit of a threshold. */
    public enum Unit {
        MILLIS("ms"), FRACTION("%"), PER_SECOND("/s"), COUNT("");

        private final String suffix;

        Unit(String suffix) { this.suffix = suffix; }

        public String suffix() { return suffix; }
    }

    public Assertion {
        if (timing == null) timing = Timing.LATENCY;
    }

    /** Formats a value measured for this assertion in the assertion's unit. */
    public String format(double value) {
        if (Double.isNaN(value)) return "n/a";
        return switch (unit) {
            case MILLIS -> fmt(value) + "ms";
            case FRACTION -> fmt(value * 100) + "%";
            case PER_SECOND -> fmt(value) + "/s";
            case COUNT -> fmt(value);
        };
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) return Long.toString((long) v);
        if (Math.abs(v) >= 100) return String.format("%.1f", v);
        if (Math.abs(v) >= 1) return String.format("%.2f", v);
        return String.format("%.3f", v);
    }

    @Override
    public List<Problem> validate(String where) {
        List<Problem> out = new ArrayList<>();
        String w = where + " › assertion '" + text + "'";
        if (stat == null || op == null || unit == null) {
            out.add(Problem.of(w, this, null, "an assertion needs a metric, a comparison and a limit"));
            return out;
        }
        if (Double.isNaN(threshold) || Double.isInfinite(threshold)) {
            out.add(Problem.of(w, this, "threshold", "the limit must be a finite number"));
        }
        Unit expected = switch (stat) {
            case ERROR_RATE, ACHIEVED_RATE, SCORE -> Unit.FRACTION;
            case RATE -> Unit.PER_SECOND;
            case DROPPED, ITERATION_ERRORS -> unit == Unit.FRACTION ? Unit.FRACTION : Unit.COUNT;
            case COUNTER -> Unit.COUNT;
            default -> Unit.MILLIS;
        };
        if (stat == Stat.COUNTER && metric == null) {
            out.add(Problem.of(w, this, null, "counter needs the name of a counter: counter('tokens')"));
            return out;
        }
        if (stat == Stat.SCORE && metric == null) {
            out.add(Problem.of(w, this, null, "score needs the name of an analysis: balance"));
            return out;
        }
        if (metric != null && !stat.isTiming() && stat != Stat.COUNTER && stat != Stat.SCORE) {
            out.add(Problem.of(w, this, null, stat.word() + " is not read from a named timing or counter"));
            return out;
        }
        if (metric != null) {
            String bad = MetricName.problem(metric, stat == Stat.COUNTER ? "counter" : stat == Stat.SCORE ? "analysis" : "timing");
            if (bad != null) out.add(Problem.of(w, this, "metric", bad));
        }
        if (metric != null && phase != null && stat != Stat.SCORE) {
            out.add(Problem.of(w, this, "phase", "named timings and counters are kept per step for the whole run, not per phase"));
        }
        if (unit != expected) {
            String want = switch (expected) {
                case MILLIS -> "a duration such as 250.ms";
                case FRACTION -> "a percentage such as 1.percent";
                case PER_SECOND -> "a number of requests per second";
                case COUNT -> "a count or a percentage";
            };
            out.add(Problem.of(w, this, "threshold", word() + " is compared with " + want));
        }
        if (unit == expected && !Double.isNaN(threshold) && !Double.isInfinite(threshold)) {
            String never = never();
            if (never != null) out.add(Problem.of(w, this, "threshold", never + ": " + range()));
        }
        return out;
    }

    /**
     * "can never pass" or "can never fail" when the limit lies where the measured value cannot be
     * (a share over 100 %, a latency below 0), else null.
     */
    private String never() {
        boolean share = unit == Unit.FRACTION;
        double lo = 0, hi = share ? 1 : Double.POSITIVE_INFINITY;
        boolean count = (stat == Stat.DROPPED || stat == Stat.ITERATION_ERRORS || stat == Stat.COUNTER) && !share;
        if (count && op == Op.EQ && threshold != Math.rint(threshold)) return "can never pass";
        return switch (op) {
            case LT -> threshold <= lo ? "can never pass" : threshold > hi ? "can never fail" : null;
            case LE -> threshold < lo ? "can never pass" : threshold >= hi ? "can never fail" : null;
            case GT -> threshold >= hi ? "can never pass" : threshold < lo ? "can never fail" : null;
            case GE -> threshold > hi ? "can never pass" : threshold <= lo ? "can never fail" : null;
            case EQ -> threshold < lo || threshold > hi ? "can never pass" : null;
        };
    }

    /** What is measured, in the words of a script: the analysis' name for a score. */
    private String word() {
        return stat == Stat.SCORE && metric != null ? metric : stat.word();
    }

    /** The values the measured quantity can take, in words. */
    private String range() {
        return switch (stat) {
            case ERROR_RATE -> "errorRate is a share of calls, from 0% to 100%";
            case ACHIEVED_RATE -> "achievedRate is a share of the planned load, from 0% to 100%";
            case SCORE -> metric + " is a score from 0% to 100%";
            case DROPPED -> unit == Unit.FRACTION ? "dropped as a percentage is a share of arrivals, from 0% to 100%"
                    : "dropped is a count of arrivals, a whole number ≥ 0";
            case ITERATION_ERRORS -> unit == Unit.FRACTION ? "iterationErrors as a percentage is a share of iterations, from 0% to 100%"
                    : "iterationErrors is a count of iterations, a whole number ≥ 0";
            case RATE -> "rate is requests per second, never negative";
            case COUNTER -> "a counter is a whole number ≥ 0";
            default -> metric != null ? "a timing is never negative" : switch (timing) {
                case LATENCY -> "a latency is never negative";
                case SERVICE -> "a service time is never negative";
                case LAG -> "a schedule lag is never negative";
            };
        };
    }
}
