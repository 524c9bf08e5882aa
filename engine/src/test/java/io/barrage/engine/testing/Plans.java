package io.barrage.engine.testing;

import io.barrage.engine.model.Assertion;
import io.barrage.engine.model.Guardrails;
import io.barrage.engine.model.Phase;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.model.ThinkTime;
import io.barrage.engine.pattern.ArrivalCurve;
import io.barrage.engine.pattern.Constant;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.pattern.Ramp;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.user.Hook;
import io.barrage.engine.user.ScenarioCode;
import io.barrage.engine.user.UserFactory;
import io.barrage.engine.user.UserFlow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for plans in tests. */
public final class Plans {
    private Plans() {}

    /** A scenario's record and the code a test binds to it. */
    public record Bound(Scenario scenario, ScenarioCode code) {
        public String name() { return scenario.name(); }
    }

    public static Phase holdRate(String name, double rate, Duration d) {
        return new Phase(name, LoadModel.OPEN, new Constant(rate, d));
    }

    public static Phase rampRate(String name, double from, double to, Duration d) {
        return new Phase(name, LoadModel.OPEN, new Ramp(from, to, d));
    }

    public static Phase holdUsers(String name, int users, Duration d) {
        return new Phase(name, LoadModel.CLOSED, new Constant(users, d));
    }

    public static Phase rampUsers(String name, int from, int to, Duration d) {
        return new Phase(name, LoadModel.CLOSED, new Ramp(from, to, d));
    }

    public static Bound scenario(String name, UserFlow flow, Phase... phases) {
        return scenarioWith(name, UserFactory.of(flow), phases);
    }

    public static Bound scenarioWith(String name, UserFactory users, Phase... phases) {
        return new Bound(new Scenario(name, List.of(phases), null, Scenario.DEFAULT_MAX_CONCURRENCY,
                ArrivalCurve.Spacing.EVEN, 1, List.of(), Map.of()), new ScenarioCode(users, null, null));
    }

    /** A plan of the given scenarios, each with its code. */
    public static TestPlan plan(String name, Bound... scenarios) {
        return plan(name, Guardrails.NONE, Map.of(), scenarios);
    }

    public static TestPlan plan(String name, Guardrails guardrails, Map<String, String> info, Bound... scenarios) {
        Map<String, ScenarioCode> code = new LinkedHashMap<>();
        for (Bound b : scenarios) code.put(b.name(), b.code());
        return new TestPlan(name, java.util.Arrays.stream(scenarios).map(Bound::scenario).toList(), code, guardrails, List.of(), info);
    }

    public static Bound withPacing(Bound b, ThinkTime pacing) {
        Scenario s = b.scenario();
        return new Bound(new Scenario(s.name(), s.phases(), pacing, s.maxConcurrency(), s.spacing(), s.seed(),
                s.assertions(), s.info(), s.analyses(), s.guardrails()), b.code());
    }

    public static Bound withMaxConcurrency(Bound b, int max) {
        Scenario s = b.scenario();
        return new Bound(new Scenario(s.name(), s.phases(), s.pacing(), max, s.spacing(), s.seed(),
                s.assertions(), s.info(), s.analyses(), s.guardrails()), b.code());
    }

    public static Bound withGuardrails(Bound b, Guardrails guardrails) {
        Scenario s = b.scenario();
        return new Bound(new Scenario(s.name(), s.phases(), s.pacing(), s.maxConcurrency(), s.spacing(), s.seed(),
                s.assertions(), s.info(), s.analyses(), guardrails), b.code());
    }

    public static Bound withAssertions(Bound b, Assertion... assertions) {
        Scenario s = b.scenario();
        return new Bound(new Scenario(s.name(), s.phases(), s.pacing(), s.maxConcurrency(), s.spacing(), s.seed(),
                List.of(assertions), s.info(), s.analyses(), s.guardrails()), b.code());
    }

    public static Bound withAnalyses(Bound b, io.barrage.engine.analysis.Analysis... analyses) {
        Scenario s = b.scenario();
        return new Bound(new Scenario(s.name(), s.phases(), s.pacing(), s.maxConcurrency(), s.spacing(), s.seed(),
                s.assertions(), s.info(), List.of(analyses), s.guardrails()), b.code());
    }

    public static Bound withHooks(Bound b, Hook setup, Hook teardown) {
        return new Bound(b.scenario(), new ScenarioCode(b.code().users(), setup, teardown));
    }

    public static Duration ms(long ms) {
        return Duration.ofMillis(ms);
    }

    public static Duration s(long s) {
        return Duration.ofSeconds(s);
    }
}
