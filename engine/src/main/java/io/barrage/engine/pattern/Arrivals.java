package io.barrage.engine.pattern;

import java.util.ArrayList;
import java.util.List;

/** The intended start times a sequence of open-model phases produces, computed ahead (for plans and tests). */
public final class Arrivals {
    private Arrivals() {}

    /**
     * Intended start times, in nanoseconds since the first phase began, of every arrival the phases
     * produce (at most {@code max}).
     */
    public static long[] intendedStarts(List<Pattern> phases, ArrivalCurve.Spacing spacing, long seed, int max) {
        ArrivalCurve curve = new ArrivalCurve(spacing, seed, 0);
        List<Long> out = new ArrayList<>();
        long phaseStart = 0;
        for (Pattern p : phases) {
            final long start = phaseStart;
            long end = start + p.durationNanos();
            while (out.size() < max) {
                long t = curve.next(end, time -> p.valueAt(time - start));
                if (t == Long.MIN_VALUE) break;
                out.add(t);
            }
            phaseStart = end;
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** The expected number of arrivals: the area under the curve, rounded. */
    public static long expectedCount(List<Pattern> phases) {
        double area = 0;
        for (Pattern p : phases) area += area(p);
        return Math.round(area);
    }

    /** The area under one pattern's curve (value × seconds): arrivals in the open model, user-seconds in the closed. */
    static double area(Pattern p) {
        double area = 0;
        long d = p.durationNanos();
        int n = (int) Math.min(1_000_000, Math.max(1000, d / ArrivalCurve.STEP_NANOS));
        double prev = p.valueAt(0);
        for (int i = 1; i <= n; i++) {
            double v = p.valueAt(d * i / n);
            area += (prev + v) * 0.5 * (d / (double) n) / 1e9;
            prev = v;
        }
        return area;
    }
}
