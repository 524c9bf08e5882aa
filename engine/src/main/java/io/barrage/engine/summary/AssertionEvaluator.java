package io.barrage.engine.summary;

import io.barrage.engine.analysis.Analysis;
import io.barrage.engine.metrics.ScenarioMetrics;
import io.barrage.engine.model.Assertion;
import io.barrage.engine.pattern.LoadModel;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Measures an assertion's value from a scenario's totals and judges it. */
public final class AssertionEvaluator {
    private AssertionEvaluator() {}

    /**
     * @param timeline the scenario's intervals, for the closed model's achieved ratio
     * @param now      the time to close phases still running
     */
    public static AssertionResult evaluate(Assertion a, ScenarioMetrics m, List<TimelinePoint> timeline, long now) {
        int slot = -1;
        if (a.phase() != null) {
            int idx = m.slotNames().indexOf(a.phase());
            if (idx < 0) return new AssertionResult(m.name(), a.text(), false, null, "n/a (no phase '" + a.phase() + "')");
            slot = idx;
        }
        Selection s = Selection.of(m, a.step(), slot, now);
        if (a.stat() == Assertion.Stat.SCORE) {
            Analysis analysis = null;
            for (Analysis x : m.analyses()) if (x.name().equals(a.metric())) analysis = x;
            if (analysis == null) return new AssertionResult(m.name(), a.text(), false, null, "n/a (no analysis '" + a.metric() + "')");
            double score = analysis.score(m.tallyTotals(slot));
            if (Double.isNaN(score)) return new AssertionResult(m.name(), a.text(), false, null, "n/a (no calls to score)");
            return new AssertionResult(m.name(), a.text(), a.op().test(score, a.threshold()), score, a.format(score));
        }
        if (a.metric() != null) return named(a, m);
        if (a.step() != null && !s.stepFound) {
            return new AssertionResult(m.name(), a.text(), false, null, "n/a (step '" + a.step() + "' never ran)");
        }
        double value = measure(a, m, s, timeline);
        if (Double.isNaN(value)) {
            return new AssertionResult(m.name(), a.text(), false, null, "n/a (no data)");
        }
        boolean passed = a.op().test(value, a.threshold());
        return new AssertionResult(m.name(), a.text(), passed, value, a.format(value));
    }

    private static double measure(Assertion a, ScenarioMetrics m, Selection s, List<TimelinePoint> timeline) {
        switch (a.stat()) {
            case ERROR_RATE:
                return s.requests == 0 ? Double.NaN : (double) s.errors / s.requests;
            case RATE:
                return s.seconds <= 0 ? Double.NaN : s.requests / s.seconds;
            case DROPPED:
                if (a.unit() == Assertion.Unit.FRACTION) return s.scheduled == 0 ? Double.NaN : (double) s.dropped / s.scheduled;
                return s.dropped;
            case ITERATION_ERRORS:
                if (a.unit() == Assertion.Unit.FRACTION) return s.iterations == 0 ? Double.NaN : (double) s.failedIterations / s.iterations;
                return s.failedIterations;
            case ACHIEVED_RATE:
                if (m.model() == LoadModel.OPEN) return s.scheduled == 0 ? Double.NaN : (double) s.iterations / s.scheduled;
                return closedAchieved(timeline, a.phase());
            default:
                Histogram h = switch (a.timing()) {
                    case LATENCY -> s.latency;
                    case SERVICE -> s.service;
                    case LAG -> s.lag;
                };
                return timingMillis(a, h);
        }
    }

    /** An assertion on a protocol's named timing or counter: its steps' totals merged, or one step's. */
    private static AssertionResult named(Assertion a, ScenarioMetrics m) {
        Histogram merged = new Histogram(io.barrage.engine.metrics.MetricNames.DIGITS);
        long count = 0;
        boolean found = false, stepFound = false;
        for (io.barrage.engine.metrics.StepMetrics st : m.steps()) {
            if (a.step() != null && !st.name().equals(a.step())) continue;
            stepFound = true;
            if (a.stat() == Assertion.Stat.COUNTER) {
                Long c = st.counterTotals().get(a.metric());
                if (c != null) { found = true; count += c; }
            } else {
                Histogram h = st.timingTotal(a.metric());
                if (h != null && h.getTotalCount() > 0) { found = true; merged.add(h); }
            }
        }
        if (a.step() != null && !stepFound) return new AssertionResult(m.name(), a.text(), false, null, "n/a (step '" + a.step() + "' never ran)");
        String what = a.stat() == Assertion.Stat.COUNTER ? "counter" : "timing";
        if (!found) return new AssertionResult(m.name(), a.text(), false, null, "n/a (no " + what + " '" + a.metric() + "' was recorded)");
        double value = a.stat() == Assertion.Stat.COUNTER ? count : timingMillis(a, merged);
        return new AssertionResult(m.name(), a.text(), a.op().test(value, a.threshold()), value, a.format(value));
    }

    /** A percentile, max or mean assertion's value from a histogram of microseconds, in ms; NaN if it is empty. */
    public static double timingMillis(Assertion a, Histogram h) {
        if (h == null || h.getTotalCount() == 0) return Double.NaN;
        long micros = switch (a.stat()) {
            case MAX -> h.getMaxValue();
            case MEAN -> Math.round(h.getMean());
            default -> h.getValueAtPercentile(a.stat().percentile());
        };
        return micros / 1000.0;
    }

    /**
     * Mean achieved users over mean target users, over the intervals of a phase (or all), each
     * weighted by its length: the run's closing interval of a few milliseconds counts for those,
     * not for a second (it had made 64 users held throughout read as 88 %).
     */
    static double closedAchieved(List<TimelinePoint> timeline, String phase) {
        double target = 0, achieved = 0, before = 0;
        for (TimelinePoint p : timeline) {
            double length = Math.max(0, p.t() - before);
            before = p.t();
            if (phase != null && !phase.equals(p.phase())) continue;
            target += p.target() * length;
            achieved += Math.min(p.achieved(), p.target()) * length;
        }
        return target <= 0 ? Double.NaN : achieved / target;
    }
}
