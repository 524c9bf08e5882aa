package io.barrage.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.compare.Comparison.Delta;
import io.barrage.engine.compare.Comparison.Row;
import io.barrage.engine.compare.Comparison.Verdict;
import java.util.Random;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Comparison on synthetic histograms with known shifts (latencies in µs, lognormal around 20 ms). */
class ComparisonTest {

    static Histogram lognormal(int n, double scale, long seed) {
        Histogram h = new Histogram(3);
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) h.recordValue((long) (scale * Math.exp(Math.log(20_000) + 0.5 * r.nextGaussian())));
        return h;
    }

    static Row row(Histogram base, Histogram candidate, long seed) {
        return Comparison.row("s", "step", "GET /x", base, candidate, base.getTotalCount(), candidate.getTotalCount(), 0, 0, 60, 60, null, null,
                Tolerances.DEFAULTS, 0.95, 1000, new SplittableRandom(seed));
    }

    static Delta delta(Row r, String metric) {
        return r.deltas().stream().filter(d -> d.metric().equals(metric)).findFirst().orElseThrow();
    }

    @Test
    void aThirtyPercentSlowerStepIsARegressionWithItsIntervalAroundThirtyPercent() {
        Row r = row(lognormal(20_000, 1.0, 1), lognormal(20_000, 1.3, 2), 7);
        Delta p95 = delta(r, "p95");
        assertThat(p95.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(p95.delta()).isBetween(0.25, 0.35);
        assertThat(p95.low()).isGreaterThan(0.10).isLessThan(p95.delta());
        assertThat(p95.high()).isGreaterThan(p95.delta()).isLessThan(0.45);
        assertThat(r.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void anIdenticalRerunIsNoChange() {
        Row r = row(lognormal(20_000, 1.0, 3), lognormal(20_000, 1.0, 4), 7);
        assertThat(delta(r, "p50").verdict()).isEqualTo(Verdict.NO_CHANGE);
        assertThat(delta(r, "p95").verdict()).isEqualTo(Verdict.NO_CHANGE);
        assertThat(delta(r, "p99").verdict()).isEqualTo(Verdict.NO_CHANGE);
        assertThat(delta(r, "throughput").verdict()).isEqualTo(Verdict.NO_CHANGE);
        assertThat(r.verdict()).isEqualTo(Verdict.NO_CHANGE);
    }

    @Test
    void aShiftInsideTheNoiseOfSmallSamplesIsInconclusive() {
        Row r = row(lognormal(40, 1.0, 5), lognormal(40, 1.08, 6), 7);
        assertThat(delta(r, "p95").verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(delta(r, "p95").high() - delta(r, "p95").low()).isGreaterThan(0.3);   // wide: 40 calls say little
    }

    @Test
    void anImprovementBeyondTheToleranceIsAnImprovement() {
        Row r = row(lognormal(20_000, 1.0, 8), lognormal(20_000, 0.7, 9), 7);
        assertThat(delta(r, "p95").verdict()).isEqualTo(Verdict.IMPROVEMENT);
    }

    @Test
    void moreErrorsBeyondHalfAPointAreARegressionAndLowerThroughputToo() {
        Histogram h = lognormal(10_000, 1.0, 10);
        Row errors = Comparison.row("s", "step", "GET /x", h, h, 10_000, 10_000, 10, 200, 60, 60, null, null, Tolerances.DEFAULTS, 0.95, 200, new SplittableRandom(1));
        assertThat(delta(errors, "error rate").verdict()).isEqualTo(Verdict.REGRESSION);   // 0.1 % → 2 %
        Row slower = Comparison.row("s", "step", "GET /x", h, h, 10_000, 8_000, 0, 0, 60, 60, null, null, Tolerances.DEFAULTS, 0.95, 200, new SplittableRandom(1));
        assertThat(delta(slower, "throughput").verdict()).isEqualTo(Verdict.REGRESSION);   // −20 %
    }

    /** The false-alarm rate of reruns: identical distributions, 5 000 calls each, 200 pairs. */
    @Test
    void rerunsOfTheSameDistributionRarelyRaiseAFalseAlarm() {
        int alarms = 0;
        for (int i = 0; i < 200; i++) {
            Row r = row(lognormal(5_000, 1.0, 1000 + 2L * i), lognormal(5_000, 1.0, 1001 + 2L * i), i);
            if (r.verdict() == Verdict.REGRESSION) alarms++;
        }
        assertThat(alarms).as("false regressions in 200 reruns").isLessThanOrEqualTo(4);
    }

    @Test
    void resampledRanksFollowTheOrderStatistic() {
        SplittableRandom random = new SplittableRandom(3);
        double sum = 0;
        for (int i = 0; i < 4000; i++) sum += Comparison.resampledRank(100_000, 0.95, random);
        assertThat(sum / 4000).isBetween(94_950.0, 95_050.0);
        long small = 0;
        for (int i = 0; i < 4000; i++) small += Comparison.resampledRank(20, 0.5, random);
        assertThat(small / 4000.0).isBetween(9.5, 11.0);
    }

    @Test
    void tolerancesParseFromTheCommandLineAndRefuseWhatTheyDoNotKnow() {
        Tolerances t = Tolerances.DEFAULTS.with("p95=15%, errors=1%", "--tolerance");
        assertThat(t.p95()).isEqualTo(0.15);
        assertThat(t.errorRate()).isEqualTo(0.01);
        assertThat(t.p99()).isEqualTo(0.20);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Tolerances.DEFAULTS.with("p90=5%", "--tolerance"))
                .hasMessage("--tolerance: unknown tolerance 'p90' (known: p50, p95, p99, throughput, errors)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Tolerances.DEFAULTS.with("p95=5", "--tolerance"))
                .hasMessage("--tolerance: p95=5 needs a percentage, such as 10%");
    }

    @Test
    void throughputIsJudgedByHowTheRateVariedSecondBySecond() {
        Histogram h = lognormal(2_000, 1.0, 12);
        double[] steady = {100, 100.2, 99.8, 100, 100.1, 99.9};
        double[] slower = {90, 90.1, 89.9, 90, 90.2, 89.8};
        Row same = Comparison.row("s", "phase", "steady", h, h, 600, 600, 0, 0, 6, 6, steady, steady.clone(), Tolerances.DEFAULTS, 0.95, 200, new SplittableRandom(1));
        assertThat(delta(same, "throughput").verdict()).isEqualTo(Verdict.NO_CHANGE);   // Poisson would say ±11 %: inconclusive
        Row less = Comparison.row("s", "phase", "steady", h, h, 600, 540, 0, 0, 6, 6, steady, slower, Tolerances.DEFAULTS, 0.95, 200, new SplittableRandom(1));
        assertThat(delta(less, "throughput").verdict()).isEqualTo(Verdict.REGRESSION);
    }
}
