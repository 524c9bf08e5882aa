package io.barrage.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.model.Guardrails;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.testing.Plans;
import io.barrage.engine.user.UserFactory;
import io.barrage.engine.validation.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestPlanTest {

    static Plans.Bound scenario(String name, double rate, Guardrails guardrails) {
        Plans.Bound b = Plans.scenarioWith(name, UserFactory.of(vu -> { }), Plans.holdRate("h", rate, Duration.ofSeconds(10)));
        return guardrails == null ? b : Plans.withGuardrails(b, guardrails);
    }

    @Test
    void aScenariosGuardrailsAndThePlansBothCapItsPhases() {
        TestPlan plan = Plans.plan("t", new Guardrails(null, 150, 0, null), Map.of(),
                scenario("capped", 200, new Guardrails(null, 100, 0, null)),
                scenario("planCapped", 300, null),
                scenario("fits", 120, new Guardrails(null, 500, 0, null)));
        assertThat(plan.validate()).extracting(Problem::toString).containsExactly(
                "scenario 'capped' › phase 'h': phase 'h' asks for up to 200/s, above the guardrail maxRate 100/s",
                "scenario 'planCapped' › phase 'h': phase 'h' asks for up to 300/s, above the guardrail maxRate 150/s");
        assertThat(plan.guardrailsOf(plan.scenarios().get(0)).maxRate()).isEqualTo(100);
        assertThat(plan.guardrailsOf(plan.scenarios().get(1)).maxRate()).isEqualTo(150);
        assertThat(plan.guardrailsOf(plan.scenarios().get(2)).maxRate()).isEqualTo(150);
    }

    @Test
    void guardrailsOfTheWholeRunAreNotAScenarios() {
        TestPlan plan = Plans.plan("t", scenario("s", 10, new Guardrails(Duration.ofMinutes(1), 0, 0, Path.of("STOP"))));
        assertThat(plan.validate()).extracting(Problem::message).containsExactly(
                "maxDuration is a guardrail of the whole run, not of one scenario: set it in the plan's guardrails",
                "stopFile is a guardrail of the whole run, not of one scenario: set it in the plan's guardrails");
    }

    @Test
    void aScenarioWithoutCodeBoundToItIsAProblemAfterItsNameAndBeforeItsPhases() {
        Scenario named = new Scenario("empty", List.of(), null, 1, null, 1, List.of(), Map.of());
        Scenario unnamed = new Scenario("", List.of(Plans.holdRate("h", 10, Duration.ofSeconds(1))), null, 1, null, 1, List.of(), Map.of());
        assertThat(new TestPlan("t", List.of(named, unnamed), Map.of()).validate()).extracting(Problem::toString).containsExactly(
                "scenario 'empty': scenario 'empty' has no user { } block: what should each virtual user do?",
                "scenario 'empty': scenario 'empty' has no phases: add phases { hold 'steady', rate: 10, for: 30.s }",
                "scenario '': a scenario needs a name",
                "scenario '': scenario '' has no user { } block: what should each virtual user do?");
    }

    @Test
    void theCodeOfAScenarioIsFoundByItsName() {
        Plans.Bound bound = scenario("s", 10, null);
        TestPlan plan = Plans.plan("t", bound);
        assertThat(plan.codeOf(bound.scenario())).isSameAs(bound.code());
        assertThat(plan.codeOf(scenario("other", 10, null).scenario()).users()).isNull();
        assertThat(plan.withScenarios("t2", plan.scenarios()).codeOf(bound.scenario())).isSameAs(bound.code());
    }
}
