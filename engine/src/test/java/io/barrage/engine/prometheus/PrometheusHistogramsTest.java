package io.barrage.engine.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.NativeHistogramBucket;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PrometheusHistogramsTest {

    @Test
    void aValueGoesToTheNativeBucketWhoseUpperBoundItDoesNotExceed() {
        assertThat(PrometheusHistograms.nativeIndex(1.0)).isZero();                 // (1/base, 1]
        assertThat(PrometheusHistograms.nativeIndex(2.0)).isEqualTo(32);            // 2 = base^32 exactly: its own upper bound
        assertThat(PrometheusHistograms.nativeIndex(Math.nextUp(2.0))).isEqualTo(33);
        assertThat(PrometheusHistograms.nativeIndex(0.5)).isEqualTo(-32);
        Random r = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            double v = Math.exp(r.nextDouble() * 30 - 20);   // 2e-9 .. 2e4
            int idx = PrometheusHistograms.nativeIndex(v);
            assertThat(v).isLessThanOrEqualTo(PrometheusHistograms.upperBound(idx) * (1 + 1e-12))
                    .isGreaterThan(PrometheusHistograms.upperBound(idx - 1) * (1 - 1e-12));
        }
    }

    @Test
    void countsAreExactInBothLayoutsAndTheSumIsTheValuesSum() {
        Histogram micros = new Histogram(3);
        Random r = new Random(11);
        double sum = 0;
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            long v = (long) (Math.exp(r.nextGaussian() + 8));   // around 3 ms
            micros.recordValue(v);
            sum += v / 1e6;
        }
        micros.recordValue(0);   // under a microsecond: the zero bucket
        HistogramDataPointSnapshot p = PrometheusHistograms.point(micros, Labels.of("scenario", "s"));
        assertThat(p.getCount()).isEqualTo(n + 1);
        assertThat(p.getNativeZeroCount()).isEqualTo(1);
        long nativeCount = p.getNativeZeroCount();
        for (NativeHistogramBucket b : p.getNativeBucketsForPositiveValues()) nativeCount += b.getCount();
        assertThat(nativeCount).isEqualTo(n + 1);
        assertThat(p.getClassicBuckets().getCount(p.getClassicBuckets().size() - 1)).isGreaterThanOrEqualTo(0);
        long classic = 0;
        for (int i = 0; i < p.getClassicBuckets().size(); i++) classic += p.getClassicBuckets().getCount(i);
        assertThat(classic).isEqualTo(n + 1);
        assertThat(p.getSum()).isCloseTo(sum, within(sum * 0.001));
        // le="0.005" holds exactly the values under 5000 µs: microseconds are truncated nanoseconds, so
        // one recorded as 5000 took more than 5 ms (HdrHistogram's buckets there are 4 µs wide: 4996-4999, 5000-5003)
        long atOrUnder5ms = micros.getCountBetweenValues(0, 4999);
        long cumulative = 0;
        for (int i = 0; i < p.getClassicBuckets().size(); i++) {
            cumulative += p.getClassicBuckets().getCount(i);
            if (p.getClassicBuckets().getUpperBound(i) == 0.005) assertThat(cumulative).isEqualTo(atOrUnder5ms);
        }
    }
}
