package io.barrage.engine.compare;

import io.barrage.engine.metrics.MetricNames;
import io.barrage.engine.results.ResultsReader;
import io.barrage.engine.summary.PhaseSummary;
import io.barrage.engine.summary.ScenarioSummary;
import io.barrage.engine.summary.StepSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * Two runs compared row by row — per scenario × step and per scenario × phase — on latency
 * percentiles, throughput and error rate, each delta with a confidence interval and a verdict.
 *
 * <p>A percentile's interval comes from bootstrapping the recorded histograms: the q-quantile of a
 * resample of n values is the value at rank k of the sample with k ~ Binomial(n, q), so B
 * resamples cost B draws of k per side, not B × n values, and the bounds are percentiles of the B
 * ratios candidate/base − 1. Throughput's interval treats the counts as Poisson; the error rate's is
 * the normal interval of a difference of two proportions. A delta is a <b>regression</b> when the
 * whole interval lies beyond the tolerance on the worse side, an <b>improvement</b> beyond it on the
 * better side, <b>no change</b> when the whole interval lies within ± the tolerance, and
 * <b>inconclusive</b> otherwise (too few calls to tell).
 */
public final class Comparison {
    /** What a delta says. */
    public enum Verdict {
        REGRESSION("regression"), IMPROVEMENT("improvement"), NO_CHANGE("no change"), INCONCLUSIVE("inconclusive");

        public final String words;

        Verdict(String words) {
            this.words = words;
        }
    }

    /**
     * One metric of one row: base and candidate values, the relative delta (or, for the error
     * rate, the difference in percentage points) with its confidence interval, and the verdict.
     */
    public record Delta(String metric, double base, double candidate, double delta, double low, double high, double tolerance,
                        boolean relative, Verdict verdict) {}

    /** A scenario × step or scenario × phase, with its deltas. */
    public record Row(String scenario, String kind, String name, long baseCount, long candidateCount, List<Delta> deltas) {
        public Verdict verdict() {
            return worst(deltas.stream().map(Delta::verdict).toList());
        }
    }

    /** The comparison: its rows and the overall verdict (the worst row's). */
    public record Result(String base, String candidate, Tolerances tolerances, double confidence, List<Row> rows) {
        public Verdict verdict() {
            return worst(rows.stream().map(Row::verdict).toList());
        }
    }

    private Comparison() {}

    /** Regression over inconclusive over improvement over no change. */
    static Verdict worst(List<Verdict> verdicts) {
        if (verdicts.contains(Verdict.REGRESSION)) return Verdict.REGRESSION;
        if (verdicts.contains(Verdict.INCONCLUSIVE)) return Verdict.INCONCLUSIVE;
        if (verdicts.contains(Verdict.IMPROVEMENT)) return Verdict.IMPROVEMENT;
        return Verdict.NO_CHANGE;
    }

    /**
     * Compares two runs read back from their results directories: the scenarios, steps and phases
     * both have.
     *
     * @param confidence the confidence of the intervals, such as 0.95
     * @param resamples  bootstrap resamples per percentile (1000 is plenty)
     * @param seed       the bootstrap's seed (same seed, same intervals)
     */
    public static Result compare(ResultsReader.Results base, ResultsReader.Results candidate, Tolerances tol, double confidence, int resamples, long seed) {
        List<Row> rows = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (ScenarioSummary b : base.summary().scenarios()) {
            ScenarioSummary c = candidate.summary().scenarios().stream().filter(x -> x.name().equals(b.name())).findFirst().orElse(null);
            if (c == null) continue;
            for (StepSummary bs : b.steps()) {
                StepSummary cs = c.steps().stream().filter(x -> x.name().equals(bs.name())).findFirst().orElse(null);
                if (cs == null) continue;
                Histogram hb = base.merge(MetricNames.LATENCY, b.name(), bs.name(), null);
                Histogram hc = candidate.merge(MetricNames.LATENCY, c.name(), cs.name(), null);
                rows.add(row(b.name(), "step", bs.name(), hb, hc, bs.stats().requests(), cs.stats().requests(),
                        bs.stats().errors(), cs.stats().errors(), loadSeconds(b), loadSeconds(c), rates(b, null), rates(c, null),
                        tol, confidence, resamples, random));
            }
            for (PhaseSummary bp : b.phases()) {
                PhaseSummary cp = c.phases().stream().filter(x -> x.name().equals(bp.name())).findFirst().orElse(null);
                if (cp == null) continue;
                Histogram hb = base.merge(MetricNames.LATENCY, b.name(), null, bp.name());
                Histogram hc = candidate.merge(MetricNames.LATENCY, c.name(), null, cp.name());
                rows.add(row(b.name(), "phase", bp.name(), hb, hc, bp.stats().requests(), cp.stats().requests(),
                        bp.stats().errors(), cp.stats().errors(), bp.durationSeconds(), cp.durationSeconds(), rates(b, bp.name()), rates(c, cp.name()),
                        tol, confidence, resamples, random));
            }
        }
        return new Result(base.dir().toString(), candidate.dir().toString(), tol, confidence, rows);
    }

    /** The scenario's calls per second, second by second (of one phase, or all), the closing partial second left out. */
    private static double[] rates(ScenarioSummary s, String phase) {
        var tl = s.timeline();
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < tl.size() - 1; i++) if (phase == null || phase.equals(tl.get(i).phase())) out.add(tl.get(i).rps());
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double loadSeconds(ScenarioSummary s) {
        double d = 0;
        for (PhaseSummary p : s.phases()) d += p.durationSeconds();
        return d;
    }

    /** The row of two latency histograms (microseconds) and their counts. */
    public static Row row(String scenario, String kind, String name, Histogram base, Histogram candidate, long baseRequests, long candidateRequests,
                          long baseErrors, long candidateErrors, double baseSeconds, double candidateSeconds,
                          double[] baseRates, double[] candidateRates,
                          Tolerances tol, double confidence, int resamples, SplittableRandom random) {
        List<Delta> deltas = new ArrayList<>();
        double[] quantiles = {0.50, 0.95, 0.99};
        double[] tolerances = {tol.p50(), tol.p95(), tol.p99()};
        for (int i = 0; i < quantiles.length; i++) {
            if (base.getTotalCount() == 0 || candidate.getTotalCount() == 0) continue;
            deltas.add(percentile("p" + Math.round(quantiles[i] * 100), base, candidate, quantiles[i], tolerances[i], confidence, resamples, random));
        }
        if (baseSeconds > 0 && candidateSeconds > 0 && baseRequests > 0 && candidateRequests > 0) {
            double rb = baseRequests / baseSeconds;
            double rc = candidateRequests / candidateSeconds;
            double d = rc / rb - 1;
            double z = z(confidence);
            // the rate's uncertainty from how it varied second by second (an open model's arrivals on a
            // schedule vary little, a closed model's more); with fewer than 3 seconds, counts as Poisson
            double sb = relativeError(baseRates), sc = relativeError(candidateRates);
            double se = Double.isNaN(sb) || Double.isNaN(sc) ? Math.sqrt(1.0 / baseRequests + 1.0 / candidateRequests) : Math.sqrt(sb * sb + sc * sc);
            double low = rc / rb * Math.exp(-z * se) - 1;
            double high = rc / rb * Math.exp(z * se) - 1;
            // lower throughput is worse: mirror the interval for the verdict
            deltas.add(new Delta("throughput", rb, rc, d, low, high, tol.throughput(), true, verdict(-high, -low, tol.throughput())));
        }
        if (baseRequests > 0 && candidateRequests > 0) {
            double pb = (double) baseErrors / baseRequests;
            double pc = (double) candidateErrors / candidateRequests;
            double d = pc - pb;
            double se = Math.sqrt(pb * (1 - pb) / baseRequests + pc * (1 - pc) / candidateRequests);
            // with no errors on either side, the interval of a proportion of 0 is [0, 3/n] (rule of three)
            if (se == 0) se = 3.0 / Math.min(baseRequests, candidateRequests) / z(confidence);
            double z = z(confidence);
            deltas.add(new Delta("error rate", pb, pc, d, d - z * se, d + z * se, tol.errorRate(), false, verdict(d - z * se, d + z * se, tol.errorRate())));
        }
        return new Row(scenario, kind, name, base.getTotalCount(), candidate.getTotalCount(), deltas);
    }

    /** The standard error of the mean of per-second rates, relative to the mean; NaN with fewer than 3. */
    static double relativeError(double[] rates) {
        if (rates == null || rates.length < 3) return Double.NaN;
        double mean = 0;
        for (double r : rates) mean += r;
        mean /= rates.length;
        if (mean <= 0) return Double.NaN;
        double var = 0;
        for (double r : rates) var += (r - mean) * (r - mean);
        var /= rates.length - 1;
        return Math.sqrt(var / rates.length) / mean;
    }

    /** The bootstrap interval of a percentile's relative delta (values in ms). */
    static Delta percentile(String metric, Histogram base, Histogram candidate, double q, double tolerance, double confidence,
                            int resamples, SplittableRandom random) {
        long[] sb = sorted(base);
        long[] sc = sorted(candidate);
        long nb = count(sb), nc = count(sc);
        double vb = valueAtRank(sb, Math.max(1, (long) Math.ceil(nb * q)));
        double vc = valueAtRank(sc, Math.max(1, (long) Math.ceil(nc * q)));
        double[] ratios = new double[resamples];
        for (int i = 0; i < resamples; i++) {
            double b = valueAtRank(sb, resampledRank(nb, q, random));
            double c = valueAtRank(sc, resampledRank(nc, q, random));
            ratios[i] = b <= 0 ? (c <= 0 ? 0 : Double.POSITIVE_INFINITY) : c / b - 1;
        }
        Arrays.sort(ratios);
        double alpha = (1 - confidence) / 2;
        double low = ratios[(int) Math.floor(alpha * (resamples - 1))];
        double high = ratios[(int) Math.ceil((1 - alpha) * (resamples - 1))];
        double d = vb <= 0 ? 0 : vc / vb - 1;
        return new Delta(metric, vb / 1000.0, vc / 1000.0, d, low, high, tolerance, true, verdict(low, high, tolerance));
    }

    /**
     * The rank in the sample of the q-quantile of one resample of n values: the resample's m-th
     * smallest (m = ceil(n q)) is the sample's value at the m-th order statistic U of n uniforms,
     * U ~ Beta(m, n − m + 1) — drawn exactly for small n, from its normal approximation for large.
     */
    static long resampledRank(long n, double q, SplittableRandom random) {
        long m = Math.max(1, (long) Math.ceil(n * q));
        double u;
        if (n <= 2000) {
            double[] x = new double[(int) n];
            for (int i = 0; i < n; i++) x[i] = random.nextDouble();
            Arrays.sort(x);
            u = x[(int) m - 1];
        } else {
            double mean = m / (n + 1.0);
            double sd = Math.sqrt(m * (n - m + 1.0) / ((n + 1.0) * (n + 1.0) * (n + 2.0)));
            u = Math.min(1, Math.max(0, mean + sd * random.nextGaussian()));
        }
        return Math.min(n, Math.max(1, (long) Math.ceil(u * n)));
    }

    /** A delta whose larger values are worse. */
    static Verdict verdict(double low, double high, double tolerance) {
        if (low > tolerance) return Verdict.REGRESSION;
        if (high < -tolerance) return Verdict.IMPROVEMENT;
        if (low >= -tolerance && high <= tolerance) return Verdict.NO_CHANGE;
        return Verdict.INCONCLUSIVE;
    }

    /** A histogram as [value, cumulative count, value, cumulative count, ...] in value order. */
    static long[] sorted(Histogram h) {
        long[] out = new long[64];
        int n = 0;
        long cum = 0;
        for (var v : h.recordedValues()) {
            cum += v.getCountAtValueIteratedTo();
            if (n + 2 > out.length) out = Arrays.copyOf(out, out.length * 2);
            out[n++] = h.medianEquivalentValue(v.getValueIteratedTo());
            out[n++] = cum;
        }
        return Arrays.copyOf(out, n);
    }

    static long count(long[] s) {
        return s.length == 0 ? 0 : s[s.length - 1];
    }

    /** The value of rank r (1-based) of a {@link #sorted} histogram. */
    static double valueAtRank(long[] s, long r) {
        int lo = 0, hi = s.length / 2 - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s[2 * mid + 1] >= r) hi = mid;
            else lo = mid + 1;
        }
        return s[2 * lo];
    }

    /** The two-sided normal quantile of a confidence. */
    static double z(double confidence) {
        // Acklam's rational approximation of the inverse normal CDF, at 1 - (1 - confidence) / 2
        double p = 1 - (1 - confidence) / 2;
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double plow = 0.02425;
        if (p > 1 - plow) {
            double qq = Math.sqrt(-2 * Math.log(1 - p));
            return -(((((c[0] * qq + c[1]) * qq + c[2]) * qq + c[3]) * qq + c[4]) * qq + c[5]) / ((((d[0] * qq + d[1]) * qq + d[2]) * qq + d[3]) * qq + 1);
        }
        double qq = p - 0.5, r = qq * qq;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * qq / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

    static String pct(double d) {
        return String.format(Locale.ROOT, "%+.1f%%", d * 100);
    }
}
