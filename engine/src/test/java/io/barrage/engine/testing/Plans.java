package io.barrage.engine.testing;

import io.barrage.engine.model.Assertion;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.model.Phase;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.model.ThinkTime;
import io.barrage.engine.pattern.ArrivalCurve;
import io.barrage.engine.pattern.Constant;
import io.barrage.engine.pattern.Ramp;
import io.barrage.engine.user.UserFactory;
import io.barrage.engine.user.UserFlow;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Small builders for plans in tests. */
public final class Plans {
    private Plans() {}

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

    public static Scenario scenario(String name, UserFlow flow, Phase... phases) {
        return new Scenario(name, List.of(phases), UserFactory.of(flow), null, Scenario.DEFAULT_MAX_CONCURRENCY,
                ArrivalCurve.Spacing.EVEN, 1, null, null, List.of(), Map.of());
    }

    public static Scenario withPacing(Scenario s, ThinkTime pacing) {
        return new Scenario(s.name(), s.phases(), s.users(), pacing, s.maxConcurrency(), s.spacing(), s.seed(),
                s.setup(), s.teardown(), s.assertions(), s.info());
    }

    public static Scenario withMaxConcurrency(Scenario s, int max) {
        return new Scenario(s.name(), s.phases(), s.users(), s.pacing(), max, s.spacing(), s.seed(),
                s.setup(), s.teardown(), s.assertions(), s.info());
    }

    public static Scenario withGuardrails(Scenario s, io.barrage.engine.model.Guardrails guardrails) {
        return new Scenario(s.name(), s.phases(), s.users(), s.pacing(), s.maxConcurrency(), s.spacing(), s.seed(),
                s.setup(), s.teardown(), s.assertions(), s.info(), s.balance(), guardrails);
    }

    public static Scenario withAssertions(Scenario s, Assertion... assertions) {
        return new Scenario(s.name(), s.phases(), s.users(), s.pacing(), s.maxConcurrency(), s.spacing(), s.seed(),
                s.setup(), s.teardown(), List.of(assertions), s.info());
    }

    public static Scenario withHooks(Scenario s, io.barrage.engine.user.Hook setup, io.barrage.engine.user.Hook teardown) {
        return new Scenario(s.name(), s.phases(), s.users(), s.pacing(), s.maxConcurrency(), s.spacing(), s.seed(),
                setup, teardown, s.assertions(), s.info());
    }

    public static Duration ms(long ms) {
        return Duration.ofMillis(ms);
    }

    public static Duration s(long s) {
        return Duration.ofSeconds(s);
    }
}
