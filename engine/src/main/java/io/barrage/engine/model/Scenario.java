package io.barrage.engine.model;

import io.barrage.engine.analysis.Analysis;
import io.barrage.engine.pattern.ArrivalCurve;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.validation.Problem;
import io.barrage.engine.validation.Validatable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One group of virtual users as data: the phases of load they make, how they pace and are seeded,
 * and what must hold at the end. Several scenarios of a plan run side by side, each with its own
 * stats. What the users do (their flow, setup and teardown) is code, not data: it is bound to the
 * scenario by name in {@code run.TestPlan} ({@code user.ScenarioCode}) and meets it only at run time.
 *
 * @param name           unique within the plan
 * @param phases         the load profile, in order; all open ({@code rate}) or all closed ({@code users})
 * @param pacing         a pause after each iteration of a closed-model user, or null
 * @param maxConcurrency open model: arrivals beyond this many in flight are dropped and counted
 * @param spacing        open model: even or Poisson spacing of arrivals
 * @param seed           seeds Poisson arrivals and every user's random generator
 * @param assertions     pass/fail conditions on this scenario's numbers
 * @param info           facts for summaries (target, HTTP client...)
 * @param analyses       what its calls' tallies are analysed for (balance across backends...), unique by name
 * @param guardrails     this scenario's own caps (maxRate, maxUsers), on top of the plan's guardrails
 */
public record Scenario(String name, List<Phase> phases, ThinkTime pacing, int maxConcurrency,
                       ArrivalCurve.Spacing spacing, long seed, List<Assertion> assertions,
                       Map<String, String> info, List<Analysis> analyses, Guardrails guardrails) implements Validatable {

    public static final int DEFAULT_MAX_CONCURRENCY = 10_000;

    public Scenario {
        phases = phases == null ? List.of() : List.copyOf(phases);
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
        info = info == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(info));
        analyses = analyses == null ? List.of() : List.copyOf(analyses);
        if (spacing == null) spacing = ArrivalCurve.Spacing.EVEN;
        if (guardrails == null) guardrails = Guardrails.NONE;
    }

    public Scenario(String name, List<Phase> phases, ThinkTime pacing, int maxConcurrency,
                    ArrivalCurve.Spacing spacing, long seed, List<Assertion> assertions, Map<String, String> info) {
        this(name, phases, pacing, maxConcurrency, spacing, seed, assertions, info, List.of(), Guardrails.NONE);
    }

    /** Its analysis named {@code name}, or null. */
    public Analysis analysis(String name) {
        for (Analysis a : analyses) if (a.name().equals(name)) return a;
        return null;
    }

    /** The scenario's load model, taken from its first phase (open if it has none). */
    public LoadModel model() {
        return phases.isEmpty() || phases.get(0).model() == null ? LoadModel.OPEN : phases.get(0).model();
    }

    /** The length of all phases together. */
    public long durationNanos() {
        long d = 0;
        for (Phase p : phases) d += p.durationNanos();
        return d;
    }

    /** The value the plan asks for at {@code t} nanoseconds after the scenario starts (0 after the end). */
    public double valueAt(long t) {
        long start = 0;
        for (Phase p : phases) {
            long d = p.durationNanos();
            if (t < start + d) return p.pattern().valueAt(t - start);
            start += d;
        }
        return 0;
    }

    public String where() {
        return "scenario '" + name + "'";
    }

    @Override
    public List<Problem> validate(String ignored) {
        List<Problem> out = new ArrayList<>();
        String w = where();
        if (name == null || name.isBlank()) out.add(Problem.of(w, this, "name", "a scenario needs a name"));
        if (phases.isEmpty()) out.add(Problem.of(w, this, "phases", "scenario '" + name + "' has no phases: add phases { hold 'steady', rate: 10, for: 30.s }"));
        Set<String> names = new HashSet<>();
        LoadModel first = null;
        for (Phase p : phases) {
            String pw = w + " › phase '" + p.name() + "'";
            out.addAll(p.validate(pw));
            if (p.name() != null && !names.add(p.name())) {
                out.add(Problem.of(pw, p, "name", "phase name '" + p.name() + "' is used twice in scenario '" + name + "'"));
            }
            if (p.model() != null) {
                if (first == null) first = p.model();
                else if (p.model() != first) {
                    out.add(Problem.of(pw, p, p.model().word(), "phase '" + p.name() + "' uses " + p.model().word()
                            + ": but earlier phases use " + first.word() + ": (one scenario is either open or closed; use two scenarios for both)"));
                }
            }
        }
        if (maxConcurrency < 1) out.add(Problem.of(w, this, "maxConcurrency", "maxConcurrency must be ≥ 1, got " + maxConcurrency));
        if (pacing != null) out.addAll(pacing.validate(w));
        for (Assertion a : assertions) {
            out.addAll(a.validate(w));
            if (a.phase() != null && !names.contains(a.phase())) {
                out.add(Problem.of(w + " › assertion '" + a.text() + "'", a, "phase", "no phase named '" + a.phase()
                        + "' in scenario '" + name + "' (phases: " + String.join(", ", names.stream().sorted().toList()) + ")"));
            }
            if (a.stat() == Assertion.Stat.DROPPED && model() == LoadModel.CLOSED) {
                out.add(Problem.of(w + " › assertion '" + a.text() + "'", a, "dropped", "dropped arrivals exist only in the open model (rate:)"));
            }
            if (a.stat() == Assertion.Stat.SCORE && a.metric() != null && analysis(a.metric()) == null) {
                out.add(Problem.of(w + " › assertion '" + a.text() + "'", a, "metric", "'" + a.metric() + "' is not analysed in scenario '"
                        + name + "' (" + (analyses.isEmpty() ? "it has no analysis" : "its analyses: " + String.join(", ", analyses.stream().map(Analysis::name).toList()))
                        + "): add " + a.metric() + " { } to it"));
            }
        }
        Set<String> analysed = new HashSet<>();
        for (Analysis a : analyses) {
            if (!analysed.add(a.name())) out.add(Problem.of(w, a, "name", "scenario '" + name + "' has two analyses named '" + a.name() + "'"));
            out.addAll(a.validate(w));
        }
        out.addAll(guardrails.validate(w));
        String whole = " is a guardrail of the whole run, not of one scenario: set it in the plan's guardrails";
        if (guardrails.maxDuration() != null) out.add(Problem.of(w + " › guardrails", guardrails, "maxDuration", "maxDuration" + whole));
        if (guardrails.stopFile() != null) out.add(Problem.of(w + " › guardrails", guardrails, "stopFile", "stopFile" + whole));
        return out;
    }

    /** What may not be what the author meant, phase by phase (a sine clamped at 0): nothing stops the run. */
    public List<Problem> warnings() {
        List<Problem> out = new ArrayList<>();
        for (Phase p : phases) out.addAll(p.warnings(where() + " › phase '" + p.name() + "'"));
        return out;
    }
}
