package io.barrage.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.model.Assertion;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.model.ThinkTime;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunOptions;
import io.barrage.engine.summary.RunSummary;
import io.barrage.engine.summary.ScenarioSummary;
import io.barrage.http.RequestOptions;
import io.barrage.sim.SimConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A scenario in plain Java, with no Groovy: the engine and stdlib API alone. */
class JavaApiExampleTest {

    @Test
    void aScenarioBuiltInJavaRunsAgainstTheSimulatedService() throws Exception {
        TestPlan plan = Barrage.plan("java")
                .sim(SimConfig.defaults().withLatency(Duration.ofMillis(1), Duration.ofMillis(3)))
                .scenario(Barrage.scenario("checkout")
                        .setup((http, vu) -> Map.of("token", ((Map<?, ?>) http.post("/login", RequestOptions.NONE).getJson()).get("token")))
                        .user((http, vu) -> {
                            http.get("/items", r -> r.expectStatus(200));
                            vu.think(ThinkTime.constant(Duration.ofMillis(5)));
                            http.post("/cart", RequestOptions.options().json(Map.of("sku", "A-1")), r -> r.expectStatus(201, 401));
                        })
                        .phases(Barrage.rampRate("warm-up", 10, 40, Duration.ofMillis(500)),
                                Barrage.holdRate("steady", 40, Duration.ofSeconds(1)))
                        .assertions(Barrage.latencyBelow(Assertion.Stat.P99, Duration.ofSeconds(2)), Barrage.errorRateBelow(0.01)))
                .build();
        assertThat(plan.validate()).isEmpty();

        RunSummary summary = Run.start(plan, RunOptions.defaults()).await();

        assertThat(summary.exitCode()).as(summary.reason()).isZero();
        ScenarioSummary s = summary.scenario("checkout");
        assertThat(s.steps()).extracting(st -> st.name()).containsExactly("GET /items", "POST /cart");
        assertThat(s.phases()).extracting(p -> p.name()).containsExactly("warm-up", "steady");
        assertThat(s.iterations()).isEqualTo(s.scheduled()).isBetween(52L, 53L);
        assertThat(summary.assertions()).allSatisfy(a -> assertThat(a.passed()).isTrue());
    }
}
