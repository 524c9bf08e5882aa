package io.barrage.engine.summary;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.barrage.engine.analysis.Analysis;
import io.barrage.engine.metrics.IterationErrors;
import io.barrage.engine.metrics.MetricNames;
import io.barrage.engine.metrics.ScenarioMetrics;
import io.barrage.engine.metrics.StepMetrics;
import io.barrage.engine.model.Assertion;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.model.Phase;
import io.barrage.engine.model.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds scenario summaries and assertion verdicts from a run's totals. */
public final class SummaryBuilder {
    private SummaryBuilder() {}

    /** The summary of one scenario as of {@code now}, without its analyses' watches (a run's own has them). */
    public static ScenarioSummary scenario(Scenario sc, ScenarioMetrics m, List<TimelinePoint> timeline, long now) {
        return scenario(sc, m, timeline, now, Map.of());
    }

    /** @param watches the run's watch of each of the scenario's analyses, by analysis name */
    public static ScenarioSummary scenario(Scenario sc, ScenarioMetrics m, List<TimelinePoint> timeline, long now,
                                           Map<String, Analysis.Watch> watches) {
        Selection all = Selection.of(m, null, -1, now);
        List<PhaseSummary> phases = new ArrayList<>();
        for (int i = 0; i < sc.phases().size(); i++) {
            int slot = ScenarioMetrics.phaseSlot(i);
            if (!m.slotStarted(slot)) continue;
            Phase p = sc.phases().get(i);
            Selection s = Selection.of(m, null, slot, now);
            phases.add(new PhaseSummary(p.name(), p.pattern().describe(), round(s.seconds), s.scheduled, s.iterations,
                    s.failedIterations, s.dropped, s.stats(), Percentiles.of(s.lag)));
        }
        List<StepSummary> steps = new ArrayList<>();
        for (StepMetrics st : m.steps()) {
            Selection s = Selection.of(m, st.name(), -1, now);
            if (s.requests == 0) continue;   // a step used only by setup or teardown
            Map<String, Percentiles> timings = new LinkedHashMap<>();
            for (String t : st.timingNamesInUse()) {
                Percentiles p = Percentiles.of(st.timingTotal(t));
                if (p != null) timings.put(t, p);
            }
            steps.add(new StepSummary(st.name(), s.stats(), timings, st.retries(), st.counterTotals()));
        }
        Double achieved;
        if (m.model() == LoadModel.OPEN) {
            achieved = all.scheduled == 0 ? null : round4((double) all.iterations / all.scheduled);
        } else {
            double v = AssertionEvaluator.closedAchieved(timeline, null);
            achieved = Double.isNaN(v) ? null : round4(v);
        }
        IterationErrorSummary failed = new IterationErrorSummary(all.failedIterations,
                all.iterations == 0 ? 0 : round4((double) all.failedIterations / all.iterations), m.iterationErrors().entries());
        return new ScenarioSummary(sc.name(), sc.model().name().toLowerCase(), sc.info(), all.stats(), Percentiles.of(all.lag),
                all.iterations, failed, all.scheduled, all.dropped, achieved, phases, steps, List.copyOf(timeline), analyses(sc, m, watches));
    }

    /**
     * Each analysis' section, as the JSON tree it is written as (so that a summary read back from
     * summary.json is equal to the live one).
     */
    static Map<String, Object> analyses(Scenario sc, ScenarioMetrics m, Map<String, Analysis.Watch> watches) {
        if (sc.analyses().isEmpty()) return Map.of();
        Map<String, Map<String, Map<String, Long>>> byPhase = new LinkedHashMap<>();
        for (int i = 0; i < sc.phases().size(); i++) {
            int slot = ScenarioMetrics.phaseSlot(i);
            if (m.slotStarted(slot)) byPhase.put(sc.phases().get(i).name(), m.tallyTotals(slot));
        }
        Map<String, Map<String, Long>> total = m.tallyTotals(-1);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Analysis a : sc.analyses()) {
            Analysis.Watch w = watches.get(a.name());
            out.put(a.name(), tree(a.summary(total, byPhase, w != null ? w : a.watch())));
        }
        return out;
    }

    private static final ObjectMapper TREE = new ObjectMapper();

    /**
     * {@code value} as JSON reads back (maps, lists, strings, Integer or Long by size, Double): what
     * an analysis gives is kept in this form, so a summary read from summary.json equals the live one.
     */
    static Object tree(Object value) {
        try {
            return TREE.readValue(TREE.writeValueAsBytes(value), Object.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("an analysis gave what JSON cannot hold: " + e.getMessage(), e);
        }
    }

    /**
     * The summary of a run: its scenarios and verdicts, with the warnings a reader must see first —
     * a saturated generator, arrivals dropped at a concurrency cap — ahead of the run's own.
     */
    public static RunSummary run(String version, String name, String status, int exitCode, String reason,
                                 java.time.Instant started, java.time.Instant ended, double durationSeconds, String segment,
                                 Map<String, String> info, List<ScenarioSummary> scenarios, List<AssertionResult> assertions,
                                 GeneratorSummary generator, Map<String, Object> services, List<String> runWarnings,
                                 List<io.barrage.engine.metrics.MeterValue> meters) {
        List<String> warnings = new ArrayList<>();
        if (generator.saturated()) warnings.add(generator.warning());
        for (ScenarioSummary sc : scenarios) {
            if (sc.dropped() > 0) {
                warnings.add("scenario '" + sc.name() + "' dropped " + sc.dropped() + " of " + sc.scheduled()
                        + " arrivals at its concurrency cap: calls did not finish as fast as arrivals came, "
                        + (generator.saturated() && !generator.onlyWarmUp() ? "and the generator was saturated (see above)"
                                                                             : "so the target could not keep up with the rate"));
            }
        }
        warnings.addAll(runWarnings);
        return new RunSummary(RunSummary.SCHEMA, version, name, status, exitCode, reason, started.toString(), ended.toString(),
                Math.round(durationSeconds * 1000) / 1000.0, segment, info, scenarios, assertions, generator, services, warnings,
                meters == null ? List.of() : MeterSummary.of(meters));
    }

    /**
     * The figures of the plan's resources that have some ({@link io.barrage.engine.model.SummarySource}),
     * by name; a resource that fails to say is a warning, once.
     */
    public static Map<String, Object> services(List<AutoCloseable> resources, List<String> warnings) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (AutoCloseable r : resources) {
            if (r instanceof io.barrage.engine.model.SummarySource s) {
                try {
                    Object v = s.summaryValues();
                    if (v != null) out.put(s.summaryName(), v);
                } catch (RuntimeException e) {
                    String msg = "reading " + s.summaryName() + " for the summary failed: " + e;
                    synchronized (warnings) {
                        if (!warnings.contains(msg)) warnings.add(msg);
                    }
                }
            }
        }
        return out;
    }

    /** A share of failed calls or iterations at or over this, with no assertion to judge it, is a warning. */
    public static final double UNJUDGED_ERRORS = 0.01;

    /**
     * Warnings for failures nothing judges: a scenario whose calls failed at {@link #UNJUDGED_ERRORS}
     * or more with no {@code errorRate} assertion, or whose iterations threw that often with no
     * {@code iterationErrors} assertion, would otherwise pass without a word.
     */
    public static List<String> unjudgedFailures(Scenario sc, ScenarioSummary s) {
        List<String> out = new ArrayList<>();
        boolean callsJudged = false, iterationsJudged = false;
        for (Assertion a : sc.assertions()) {
            callsJudged |= a.stat() == Assertion.Stat.ERROR_RATE;
            iterationsJudged |= a.stat() == Assertion.Stat.ITERATION_ERRORS;
        }
        Stats t = s.total();
        if (!callsJudged && t.requests() > 0 && t.errorRate() >= UNJUDGED_ERRORS) {
            List<String> kinds = new ArrayList<>();
            t.errorsByKind().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> kinds.add(e.getKey() + " " + e.getValue()));
            out.add("scenario '" + sc.name() + "': " + t.errors() + " of " + t.requests() + " calls failed (" + percent(t.errorRate())
                    + ": " + String.join(", ", kinds) + ") and no assertion judges it: add errorRate < 1.percent to its assertions");
        }
        IterationErrorSummary f = s.iterationErrors();
        if (!iterationsJudged && f != null && f.count() > 0 && f.share() >= UNJUDGED_ERRORS) {
            IterationErrors.Entry top = f.kinds().isEmpty() ? null : f.kinds().get(0);
            out.add("scenario '" + sc.name() + "': " + f.count() + " of " + s.iterations() + " iterations failed in user code ("
                    + percent(f.share()) + (top == null ? "" : "; most often " + top.kind() + (top.where() == null ? "" : " at " + top.where()))
                    + ") and no assertion judges it: add iterationErrors == 0 to its assertions");
        }
        return out;
    }

    private static String percent(double share) {
        double p = share * 100;
        return (p >= 10 || p == Math.rint(p) ? String.format("%.0f", p) : String.format("%.1f", p)) + "%";
    }

    /** Every assertion of a scenario, judged. */
    public static List<AssertionResult> assertions(Scenario sc, ScenarioMetrics m, List<TimelinePoint> timeline, long now) {
        List<AssertionResult> out = new ArrayList<>();
        for (Assertion a : sc.assertions()) out.add(AssertionEvaluator.evaluate(a, m, timeline, now));
        return out;
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    static double round4(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }
}
