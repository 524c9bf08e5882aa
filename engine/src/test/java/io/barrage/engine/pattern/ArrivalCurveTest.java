package io.barrage.engine.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.run.Segment;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ArrivalCurveTest {
    static final long S = 1_000_000_000L;
    static final long MS = 1_000_000L;

    @Test
    void evenSpacingPutsArrivalsMidwayBetweenLevels() {
        long[] t = Arrivals.intendedStarts(List.of(new Constant(10, Duration.ofSeconds(1))), ArrivalCurve.Spacing.EVEN, 1, 100);
        assertThat(t).hasSize(10);
        for (int i = 0; i < 10; i++) assertThat(t[i]).isBetween(50 * MS + i * 100 * MS - 1, 50 * MS + i * 100 * MS + 1);
    }

    @Test
    void theCountIsTheAreaUnderTheCurve() {
        List<Pattern> phases = List.of(new Ramp(10, 200, Duration.ofSeconds(60)), new Constant(200, Duration.ofSeconds(30)),
                new Sine(100, 50, Duration.ofSeconds(7), 0, Duration.ofSeconds(21)),
                new Burst(500, 20, Duration.ofSeconds(2), Duration.ofSeconds(10), 3));
        long expected = Arrivals.expectedCount(phases);
        assertThat(expected).isEqualTo(6300 + 6000 + 2100 + 3000 + 480);
        long[] t = Arrivals.intendedStarts(phases, ArrivalCurve.Spacing.EVEN, 1, 1_000_000);
        assertThat((long) t.length).isBetween(expected - 1, expected + 1);
    }

    @Test
    void startTimesFollowARampQuadratically() {
        // Λ(t) = 10t²/2 for a ramp 0 → 100 over 10 s: arrival k at t = sqrt(2(k + ½)/10).
        long[] t = Arrivals.intendedStarts(List.of(new Ramp(0, 100, Duration.ofSeconds(10))), ArrivalCurve.Spacing.EVEN, 1, 1000);
        assertThat(t).hasSize(500);
        for (int k : new int[] {0, 10, 99, 499}) {
            double expected = Math.sqrt(2 * (k + 0.5) / 10.0) * S;
            assertThat((double) t[k]).isCloseTo(expected, org.assertj.core.api.Assertions.within(20_000.0));
        }
    }

    @Test
    void startTimesAreOrdered() {
        long[] t = Arrivals.intendedStarts(List.of(new Sine(1000, 900, Duration.ofSeconds(1), 0, Duration.ofSeconds(3))),
                ArrivalCurve.Spacing.POISSON, 7, 100_000);
        for (int i = 1; i < t.length; i++) assertThat(t[i]).isGreaterThanOrEqualTo(t[i - 1]);
    }

    @Test
    void poissonArrivalsAreSeededAndAverageTheRate() {
        List<Pattern> p = List.of(new Constant(1000, Duration.ofSeconds(20)));
        long[] a = Arrivals.intendedStarts(p, ArrivalCurve.Spacing.POISSON, 42, 1_000_000);
        long[] b = Arrivals.intendedStarts(p, ArrivalCurve.Spacing.POISSON, 42, 1_000_000);
        long[] c = Arrivals.intendedStarts(p, ArrivalCurve.Spacing.POISSON, 43, 1_000_000);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        // 20 000 expected; a Poisson count has σ ≈ 141, so ±5σ.
        assertThat(a.length).isBetween(20_000 - 710, 20_000 + 710);
        long[] gaps = new long[a.length - 1];
        for (int i = 1; i < a.length; i++) gaps[i - 1] = a[i] - a[i - 1];
        Arrays.sort(gaps);
        // Exponential gaps: the median is ln 2 × the mean (1 ms).
        assertThat((double) gaps[gaps.length / 2]).isBetween(0.62 * MS, 0.77 * MS);
    }

    @Test
    void segmentsSplitTheGlobalScheduleExactly() {
        List<Pattern> p = List.of(new Ramp(0, 300, Duration.ofSeconds(5)), new Constant(300, Duration.ofSeconds(2)));
        long[] all = Arrivals.intendedStarts(p, ArrivalCurve.Spacing.POISSON, 9, 1_000_000);
        TreeSet<Long> union = new TreeSet<>();
        int n = 3;
        long total = 0;
        for (int i = 0; i < n; i++) {
            Segment seg = new Segment(i, n);
            ArrivalCurve curve = new ArrivalCurve(ArrivalCurve.Spacing.POISSON, 9, 0);
            long start = 0;
            for (Pattern pat : p) {
                long s0 = start, end = start + pat.durationNanos();
                long t;
                while ((t = curve.next(end, x -> pat.valueAt(x - s0))) != Long.MIN_VALUE) {
                    if (seg.owns(curve.index())) {
                        assertThat(union.add(curve.index())).isTrue();
                        assertThat(t).isEqualTo(all[(int) curve.index()]);
                        total++;
                    }
                }
                start = end;
            }
        }
        assertThat(total).isEqualTo(all.length);
        assertThat(union.first()).isZero();
        assertThat(union.last()).isEqualTo(all.length - 1);
    }

    @Test
    void aRateChangedWhileRunningBendsTheCurveFromThenOn() {
        ArrivalCurve curve = new ArrivalCurve(ArrivalCurve.Spacing.EVEN, 1, 0);
        double[] rate = {100};
        int count = 0;
        while (curve.next(S, t -> rate[0]) != Long.MIN_VALUE) count++;
        rate[0] = 1000;
        while (curve.next(2 * S, t -> rate[0]) != Long.MIN_VALUE) count++;
        assertThat(count).isEqualTo(1100);
    }

    @Test
    void pausedTimeMakesNoArrivals() {
        ArrivalCurve curve = new ArrivalCurve(ArrivalCurve.Spacing.EVEN, 1, 0);
        int count = 0;
        while (curve.next(S, t -> 100) != Long.MIN_VALUE) count++;
        curve.jumpTo(5 * S);
        long first = curve.next(6 * S, t -> 100);
        assertThat(count).isEqualTo(100);
        assertThat(first).isBetween(5 * S, 5 * S + 10 * MS);
    }

    @Test
    void solvingInsideAStepIsExactForLinearRates() {
        // rate 0 → 2000/s across 1 ms: area 1 arrival; level ½ reached at x where 1e6·x² = ½ → x = 0.7071 ms.
        assertThat(ArrivalCurve.solve(0, 2000, MS, 0.5)).isBetween(707_000L, 707_200L);
        assertThat(ArrivalCurve.solve(1000, 1000, MS, 0.5)).isEqualTo(500_000L);
    }
}
