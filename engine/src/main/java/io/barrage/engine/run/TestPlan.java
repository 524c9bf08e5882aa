package io.barrage.engine.run;

import io.barrage.engine.format.Numbers;
import io.barrage.engine.model.Guardrails;
import io.barrage.engine.model.Phase;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.user.ScenarioCode;
import io.barrage.engine.validation.Problem;
import io.barrage.engine.validation.Validatable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one run does: its scenarios (run side by side) as data records, the code bound to
 * each by name, its guardrails, and resources to close when it ends (a simulated service started
 * by the script, say). The records alone validate, describe and draw the plan; the code is what
 * the executors call.
 *
 * @param name       names the results directory
 * @param scenarios  at least one; names unique
 * @param code       each scenario's users, setup and teardown, by scenario name
 * @param guardrails safety limits
 * @param resources  closed in reverse order after the run
 * @param info       facts for summaries (script path, parameters...)
 */
public record TestPlan(String name, List<Scenario> scenarios, Map<String, ScenarioCode> code, Guardrails guardrails,
                       List<AutoCloseable> resources, Map<String, String> info) implements Validatable {

    private static final ScenarioCode NO_CODE = new ScenarioCode(null, null, null);

    public TestPlan {
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
        code = code == null ? Map.of() : Map.copyOf(code);
        resources = resources == null ? List.of() : List.copyOf(resources);
        info = info == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(info));
        if (guardrails == null) guardrails = Guardrails.NONE;
    }

    public TestPlan(String name, List<Scenario> scenarios, Map<String, ScenarioCode> code) {
        this(name, scenarios, code, Guardrails.NONE, List.of(), Map.of());
    }

    /** The code bound to {@code s}: its users, setup and teardown (all null when none was given). */
    public ScenarioCode codeOf(Scenario s) {
        return s.name() == null ? NO_CODE : code.getOrDefault(s.name(), NO_CODE);
    }

    /** This plan with {@code only} as its scenarios, keeping the code, guardrails, resources and info. */
    public TestPlan withScenarios(String newName, List<Scenario> only) {
        return new TestPlan(newName, only, code, guardrails, resources, info);
    }

    /** Every problem of the plan and its scenarios, all at once. */
    public List<Problem> validate() {
        return validate("plan");
    }

    @Override
    public List<Problem> validate(String where) {
        List<Problem> out = new ArrayList<>();
        if (scenarios.isEmpty()) out.add(Problem.of(where, this, null, "the script defines no scenario: add scenario('name') { ... }"));
        Set<String> names = new HashSet<>();
        for (Scenario s : scenarios) {
            List<Problem> own = new ArrayList<>(s.validate(where));
            // code is bound by name: a second scenario of a name has none of its own until renamed (said below)
            boolean second = s.name() != null && names.contains(s.name());
            if (!second && codeOf(s).users() == null) {
                // in the order the scenario's own problems come: after its name, before its phases
                int at = s.name() == null || s.name().isBlank() ? 1 : 0;
                own.add(at, Problem.of(s.where(), s, "user", "scenario '" + s.name() + "' has no user { } block: what should each virtual user do?"));
            }
            out.addAll(own);
            if (s.name() != null && !names.add(s.name())) {
                out.add(Problem.of(s.where(), s, "name", "scenario name '" + s.name() + "' is used twice"));
            }
            Guardrails caps = guardrailsOf(s);
            for (Phase p : s.phases()) {
                if (p.pattern() == null || p.model() == null) continue;
                double max = p.pattern().maxValue();
                if (p.model() == LoadModel.OPEN && caps.maxRate() > 0 && max > caps.maxRate()) {
                    out.add(Problem.of(s.where() + " › phase '" + p.name() + "'", p, "rate", "phase '" + p.name()
                            + "' asks for up to " + Numbers.format(max) + "/s, above the guardrail maxRate " + Numbers.format(caps.maxRate()) + "/s"));
                }
                if (p.model() == LoadModel.CLOSED && caps.maxUsers() > 0 && max > caps.maxUsers()) {
                    out.add(Problem.of(s.where() + " › phase '" + p.name() + "'", p, "users", "phase '" + p.name()
                            + "' asks for up to " + Numbers.format(max) + " users, above the guardrail maxUsers " + caps.maxUsers()));
                }
            }
        }
        out.addAll(guardrails.validate(where));
        return out;
    }

    /** What may not be what the author meant (a sine clamped at 0), scenario by scenario: nothing stops the run. */
    public List<Problem> warnings() {
        List<Problem> out = new ArrayList<>();
        for (Scenario s : scenarios) out.addAll(s.warnings());
        return out;
    }

    /** The guardrails that hold for one scenario: the plan's, with the scenario's own caps where they are tighter. */
    public Guardrails guardrailsOf(Scenario s) {
        return guardrails.within(s.guardrails());
    }

    /** The length of the longest scenario. */
    public long durationNanos() {
        long d = 0;
        for (Scenario s : scenarios) d = Math.max(d, s.durationNanos());
        return d;
    }

}
