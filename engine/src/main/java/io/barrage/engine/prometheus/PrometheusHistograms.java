package io.barrage.engine.prometheus;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.NativeHistogramBuckets;
import java.util.Arrays;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * An HdrHistogram of microseconds as a Prometheus histogram in seconds, with both bucket layouts:
 * native (exponential, schema {@value #SCHEMA}: each bucket about 2.2 % wide, for Prometheus with
 * native histograms on) and classic (fixed {@code le} bounds, for every other scraper). Counts are
 * exact: each HdrHistogram bucket (at most 0.1 % wide) goes whole into one bucket of each layout.
 */
public final class PrometheusHistograms {
    private PrometheusHistograms() {}

    /** Native bucket i covers (base^(i-1), base^i] with base = 2^(2^-SCHEMA). */
    public static final int SCHEMA = 5;
    /** Above 0 (client_java's default), so that Prometheus 2.42 takes an empty histogram as native. */
    public static final double ZERO_THRESHOLD = Math.scalb(1.0, -128);
    /** The classic upper bounds, in seconds; +Inf is added. */
    public static final double[] CLASSIC_BOUNDS = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private static final double[] CLASSIC_WITH_INF = Arrays.copyOf(CLASSIC_BOUNDS, CLASSIC_BOUNDS.length + 1);
    private static final double[] FRACTION_BOUNDS = new double[1 << SCHEMA];

    static {
        CLASSIC_WITH_INF[CLASSIC_BOUNDS.length] = Double.POSITIVE_INFINITY;
        for (int j = 0; j < FRACTION_BOUNDS.length; j++) FRACTION_BOUNDS[j] = Math.pow(2, (double) j / (1 << SCHEMA)) / 2;
    }

    /**
     * The data point of {@code micros} under {@code labels}: count, sum, native and classic buckets.
     * A value's place is its HdrHistogram bucket's highest equivalent value (so a bucket lies wholly
     * at or under a bound, or over it); the sum uses each bucket's middle value.
     */
    public static HistogramDataPointSnapshot point(Histogram micros, Labels labels) {
        long[] classic = new long[CLASSIC_WITH_INF.length];
        int[] indexes = new int[16];
        long[] counts = new long[16];
        int n = 0;
        long zero = 0;
        double sum = 0;
        for (HistogramIterationValue v : micros.recordedValues()) {
            long count = v.getCountAtValueIteratedTo();
            long at = v.getValueIteratedTo();
            double top = micros.highestEquivalentValue(at) / 1e6;
            sum += micros.medianEquivalentValue(at) / 1e6 * count;
            classic[classicIndex(top)] += count;
            if (at == 0) {   // under a microsecond
                zero += count;
                continue;
            }
            int i = nativeIndex(top);
            if (n > 0 && indexes[n - 1] == i) {
                counts[n - 1] += count;
            } else {
                if (n == indexes.length) {
                    indexes = Arrays.copyOf(indexes, n * 2);
                    counts = Arrays.copyOf(counts, n * 2);
                }
                indexes[n] = i;
                counts[n++] = count;
            }
        }
        return HistogramDataPointSnapshot.builder()
                .labels(labels)
                .sum(sum)
                .classicHistogramBuckets(ClassicHistogramBuckets.of(CLASSIC_WITH_INF, classic))
                .nativeSchema(SCHEMA)
                .nativeZeroThreshold(ZERO_THRESHOLD)
                .nativeZeroCount(zero)
                .nativeBucketsForPositiveValues(NativeHistogramBuckets.of(Arrays.copyOf(indexes, n), Arrays.copyOf(counts, n)))
                .build();
    }

    private static int classicIndex(double seconds) {
        for (int i = 0; i < CLASSIC_BOUNDS.length; i++) if (seconds <= CLASSIC_BOUNDS[i]) return i;
        return CLASSIC_BOUNDS.length;
    }

    /**
     * The native bucket of a positive value: i such that base^(i-1) < v <= base^i, computed as
     * Prometheus does (from the binary fraction and exponent, no logarithm rounding).
     */
    public static int nativeIndex(double v) {
        int exp = Math.getExponent(v) + 1;                 // v = frac * 2^exp, frac in [0.5, 1)
        double frac = Math.scalb(v, -exp);
        int j = Arrays.binarySearch(FRACTION_BOUNDS, frac);
        if (j < 0) j = -j - 1;                             // the first bound >= frac
        return j + (exp - 1) * (1 << SCHEMA);
    }

    /** The upper bound of native bucket {@code i}. */
    public static double upperBound(int i) {
        return Math.pow(2, (double) i / (1 << SCHEMA));
    }
}
