package io.barrage.engine.capacity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The search itself, apart from any run: grow the load by a factor while every criterion holds, then
 * bisect between the highest load that held and the lowest that failed until the gap is within the
 * precision. Bounded by the settings' maximum load and, through {@link Prober#timeLeft}, their time.
 */
public final class CapacitySearch {

    /** Runs one step of load and judges it. */
    public interface Prober {
        StepResult probe(double load) throws InterruptedException;

        /** False once no further step fits in the time limit. */
        boolean timeLeft();
    }

    private final CapacitySettings settings;
    private final boolean integral;

    /** @param integral true for the closed model: loads are whole users */
    public CapacitySearch(CapacitySettings settings, boolean integral) {
        this.settings = settings;
        this.integral = integral;
    }

    public CapacityResult run(Prober prober, String unit) throws InterruptedException {
        List<StepResult> steps = new ArrayList<>();
        Double good = null, bad = null;
        List<String> firstFailure = List.of();
        String stopped;
        double load = round(settings.from());
        // 1. grow until something fails
        while (true) {
            if (!prober.timeLeft()) {
                stopped = "time limit reached while growing the load";
                break;
            }
            StepResult r = prober.probe(load);
            steps.add(r);
            if (r.held()) {
                good = load;
                if (load >= settings.max()) {
                    stopped = "held at the maximum load " + fmt(settings.max()) + unit;
                    break;
                }
                load = round(Math.min(settings.max(), load * settings.growth()));
            } else {
                bad = load;
                firstFailure = r.failures();
                stopped = null;
                break;
            }
        }
        // 2. narrow down
        if (bad != null) {
            while (true) {
                double low = good == null ? 0 : good;
                if (good != null && (bad - good) / good <= settings.precision()) {
                    stopped = "narrowed to within " + fmt(settings.precision() * 100) + "%";
                    break;
                }
                double mid = round((low + bad) / 2);
                if (mid <= low || mid >= bad) {
                    stopped = good == null ? "failed even at the lowest load" : "narrowed to one " + (integral ? "user" : "step");
                    break;
                }
                if (good == null && mid < settings.from() / 16) {
                    stopped = "failed even at " + fmt(mid) + unit + " (1/16 of the start)";
                    break;
                }
                if (!prober.timeLeft()) {
                    stopped = "time limit reached while narrowing down";
                    break;
                }
                StepResult r = prober.probe(mid);
                steps.add(r);
                if (r.held()) {
                    good = mid;
                } else {
                    bad = mid;
                    firstFailure = r.failures();
                }
            }
        }
        return new CapacityResult(unit, good, bad, firstFailure, knee(steps), steps, stopped);
    }

    private double round(double v) {
        if (integral) return Math.max(1, Math.round(v));
        return v >= 100 ? Math.round(v) : Math.round(v * 10) / 10.0;
    }

    /**
     * The knee of the latency curve: among the steps sorted by load, the one farthest below the chord
     * from the first to the last point, both axes scaled to 0..1 (the "kneedle" rule). Null with fewer
     * than 3 steps or a flat curve.
     */
    static Double knee(List<StepResult> steps) {
        List<StepResult> s = new ArrayList<>();
        for (StepResult r : steps) if (!Double.isNaN(r.p99Ms())) s.add(r);
        s.sort(Comparator.comparingDouble(StepResult::load));
        if (s.size() < 3) return null;
        double x0 = s.get(0).load(), x1 = s.get(s.size() - 1).load();
        double y0 = Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (StepResult r : s) {
            y0 = Math.min(y0, r.p99Ms());
            y1 = Math.max(y1, r.p99Ms());
        }
        if (x1 <= x0 || y1 <= y0) return null;
        double bestGap = 0;
        Double best = null;
        double firstY = (s.get(0).p99Ms() - y0) / (y1 - y0), lastY = (s.get(s.size() - 1).p99Ms() - y0) / (y1 - y0);
        for (StepResult r : s) {
            double x = (r.load() - x0) / (x1 - x0), y = (r.p99Ms() - y0) / (y1 - y0);
            double chord = firstY + (lastY - firstY) * x;
            double gap = chord - y;   // a convex, upward-bending curve lies below its chord
            if (gap > bestGap) {
                bestGap = gap;
                best = r.load();
            }
        }
        return best;
    }

    static String fmt(double v) {
        return io.barrage.engine.format.Numbers.format(v);
    }
}
