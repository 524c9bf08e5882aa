package io.barrage.engine.capacity;

import io.barrage.engine.metrics.MetricNames;
import io.barrage.engine.metrics.ScenarioTick;
import io.barrage.engine.metrics.TaggedHistogram;
import io.barrage.engine.metrics.Tick;
import io.barrage.engine.model.Assertion;
import io.barrage.engine.analysis.Analysis;
import io.barrage.engine.pattern.LoadModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The reporter intervals of one scenario inside a judged window of a capacity step, merged: latency,
 * service time and lag (per step too), calls, errors, arrivals, calls per label of each tally. Judges the search's
 * criteria on them.
 */
final class Window {
    private final String scenario;
    final Histogram latency = new Histogram(MetricNames.DIGITS);
    final Histogram lag = new Histogram(MetricNames.DIGITS);
    final Map<String, Histogram> stepLatency = new HashMap<>();
    final Map<String, Histogram> stepService = new HashMap<>();
    final Histogram service = new Histogram(MetricNames.DIGITS);
    /** tally → label → calls in the window, for analyses' scores */
    final Map<String, Map<String, Long>> tallies = new TreeMap<>();
    long requests, errors, iterations, scheduled, dropped;
    double seconds, achievedUsers, targetUsers;

    Window(String scenario) {
        this.scenario = scenario;
    }

    void add(Tick t) {
        for (ScenarioTick s : t.scenarios()) {
            if (!s.scenario().equals(scenario)) continue;
            latency.add(s.latency());
            lag.add(s.lag());
            requests += s.requests();
            errors += s.errors();
            iterations += s.iterations();
            scheduled += s.scheduled();
            dropped += s.dropped();
            seconds += s.seconds();
            achievedUsers += Math.min(s.achieved(), s.target()) * s.seconds();
            targetUsers += s.target() * s.seconds();
            s.tallies().forEach((name, counts) -> counts.forEach((k, v) -> tallies.computeIfAbsent(name, n -> new TreeMap<>()).merge(k, v, Long::sum)));
        }
        for (TaggedHistogram h : t.histograms()) {
            if (!scenario.equals(h.scenario()) || h.step() == null) continue;
            if (h.metric().equals(MetricNames.LATENCY)) stepLatency.computeIfAbsent(h.step(), k -> new Histogram(MetricNames.DIGITS)).add(h.histogram());
            if (h.metric().equals(MetricNames.SERVICE)) {
                stepService.computeIfAbsent(h.step(), k -> new Histogram(MetricNames.DIGITS)).add(h.histogram());
                service.add(h.histogram());
            }
        }
    }

    /** The criteria that failed, each with its value; empty when all held. */
    List<String> failures(List<Assertion> criteria, LoadModel model, List<Analysis> analyses) {
        List<String> out = new ArrayList<>();
        for (Assertion a : criteria) {
            double v = measure(a, model, analyses);
            if (Double.isNaN(v)) {
                // nothing measured: no call ended in the window, which is itself a failure of any latency bound
                if (a.stat().isTiming() && requests == 0) out.add(a.text() + ": no call ended");
                continue;
            }
            if (!a.op().test(v, a.threshold())) out.add(a.text() + ": " + a.format(v));
        }
        return out;
    }

    double measure(Assertion a, LoadModel model, List<Analysis> analyses) {
        switch (a.stat()) {
            case ERROR_RATE:
                return requests == 0 ? Double.NaN : (double) errors / requests;
            case RATE:
                return seconds <= 0 ? Double.NaN : requests / seconds;
            case DROPPED:
                if (a.unit() == Assertion.Unit.FRACTION) return scheduled == 0 ? Double.NaN : (double) dropped / scheduled;
                return dropped;
            case ACHIEVED_RATE:
                if (model == LoadModel.OPEN) return scheduled == 0 ? Double.NaN : (double) iterations / scheduled;
                return targetUsers <= 0 ? Double.NaN : achievedUsers / targetUsers;
            case SCORE:
                for (Analysis x : analyses) if (x.name().equals(a.metric())) return x.score(tallies);
                return Double.NaN;
            default:
                Histogram h = switch (a.timing()) {
                    case LATENCY -> a.step() == null ? latency : stepLatency.get(a.step());
                    case SERVICE -> a.step() == null ? service : stepService.get(a.step());
                    case LAG -> lag;
                };
                return io.barrage.engine.summary.AssertionEvaluator.timingMillis(a, h);
        }
    }

    double p(double percentile) {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
    }
}
