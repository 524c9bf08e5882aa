package io.barrage.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.pattern.Constant;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.user.UserFactory;
import io.barrage.engine.validation.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestPlanTest {

    static Scenario scenario(String name, double rate, Guardrails guardrails) {
        Phase p = new Phase("h", LoadModel.OPEN, new Constant(rate, Duration.ofSeconds(10)));
        return new Scenario(name, List.of(p), UserFactory.of(vu -> { }), null, Scenario.DEFAULT_MAX_CONCURRENCY, null, 1,
                null, null, List.of(), Map.of(), null, guardrails);
    }

    @Test
    void aScenariosGuardrailsAndThePlansBothCapItsPhases() {
        TestPlan plan = new TestPlan("t", List.of(
                scenario("capped", 200, new Guardrails(null, 100, 0, null)),
                scenario("planCapped", 300, null),
                scenario("fits", 120, new Guardrails(null, 500, 0, null))),
                new Guardrails(null, 150, 0, null), List.of(), Map.of());
        assertThat(plan.validate()).extracting(Problem::toString).containsExactly(
                "scenario 'capped' › phase 'h': phase 'h' asks for up to 200/s, above the guardrail maxRate 100/s",
                "scenario 'planCapped' › phase 'h': phase 'h' asks for up to 300/s, above the guardrail maxRate 150/s");
        assertThat(plan.guardrailsOf(plan.scenarios().get(0)).maxRate()).isEqualTo(100);
        assertThat(plan.guardrailsOf(plan.scenarios().get(1)).maxRate()).isEqualTo(150);
        assertThat(plan.guardrailsOf(plan.scenarios().get(2)).maxRate()).isEqualTo(150);
    }

    @Test
    void guardrailsOfTheWholeRunAreNotAScenarios() {
        TestPlan plan = new TestPlan("t", List.of(scenario("s", 10, new Guardrails(Duration.ofMinutes(1), 0, 0, Path.of("STOP")))));
        assertThat(plan.validate()).extracting(Problem::message).containsExactly(
                "maxDuration is a guardrail of the whole run, not of one scenario: set it in the plan's guardrails",
                "stopFile is a guardrail of the whole run, not of one scenario: set it in the plan's guardrails");
    }
}
