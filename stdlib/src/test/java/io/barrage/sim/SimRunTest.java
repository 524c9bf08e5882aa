package io.barrage.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.api.Barrage;
import io.barrage.engine.capacity.CapacityResult;
import io.barrage.engine.capacity.CapacityRun;
import io.barrage.engine.capacity.CapacitySettings;
import io.barrage.engine.model.Assertion;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.run.Run;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.output.Output;
import io.barrage.engine.run.RunOptions;
import io.barrage.balance.Balance;
import io.barrage.balance.BalanceSummary;
import io.barrage.engine.results.Json;
import io.barrage.engine.summary.RunSummary;
import io.barrage.engine.summary.ScenarioSummary;
import io.barrage.engine.summary.TimelinePoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Runs against the real simulated service over loopback: balance analysis, faults on the timeline, capacity search. */
class SimRunTest {

    @Test
    void aBackendDyingMidRunShowsInThePerBackendSplitTheErrorsTheEventsAndTheTimeline() throws Exception {
        SimConfig sim = SimConfig.defaults().withBackends(4)
                .withHealth(new HealthCheck(true, Duration.ofMillis(100), Duration.ofMillis(50), 2, 1))
                .withTimeline(List.of(new TimedFault(Duration.ofSeconds(1), null, Fault.down("b3"), Duration.ofMillis(2500))));
        TestPlan plan = Barrage.plan("dying")
                .sim(sim)
                .scenario(Barrage.scenario("s")
                        .user((http, vu) -> http.get("/fast"))
                        .phases(Barrage.holdRate("steady", 200, Duration.ofSeconds(5)))
                        .assertions(Assertion.score("balance", Assertion.Op.GT, 0.99, null, "balance > 99%")))
                .build();
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunOptions options = RunOptions.defaults().withOutputs(List.of(new Output() {
            @Override
            public void onEvent(RunEvent e) {
                events.add(e);
            }
        }));
        RunSummary summary = Run.start(plan, options).await();

        ScenarioSummary s = summary.scenario("s");
        BalanceSummary b = balanceOf(s);
        assertThat(b.source()).isEqualTo("header X-Backend");
        assertThat(b.backends()).containsOnlyKeys("b1", "b2", "b3", "b4");
        long others = (b.backends().get("b1") + b.backends().get("b2") + b.backends().get("b4")) / 3;
        assertThat(b.backends().get("b3")).as("b3 was out of rotation for a while").isLessThan(others * 9 / 10);
        assertThat(b.score()).isLessThan(0.99);
        assertThat(summary.assertions()).singleElement().satisfies(a -> assertThat(a.passed()).isFalse());
        assertThat(s.total().errorsByKind()).containsKey("status_5xx");   // 502s before the health check took b3 out
        List<String> simEvents = new ArrayList<>();
        for (RunEvent e : events) if (e.type().equals(RunEvent.TYPE_SIM)) simEvents.add(e.message());
        assertThat(simEvents).containsSubsequence("fault on: down b3 (timeline at 1s)", "health check: b3 taken out of rotation (connection refused)",
                "fault off: down b3 (timeline at 1s, lasting 2.5s)", "health check: b3 is back in rotation");
        assertThat(s.timeline()).anySatisfy(p -> assertThat(backendsOf(p)).isNotNull().doesNotContainKey("b3").containsKeys("b1", "b2", "b4"));
        assertThat(backendsOf(s.timeline().get(0))).containsKeys("b1", "b2", "b3", "b4");
        Map<?, ?> services = (Map<?, ?>) summary.services().get("sim");
        List<?> backends = (List<?>) services.get("backends");
        assertThat(backends).anySatisfy(x -> {
            Map<?, ?> m = (Map<?, ?>) x;
            assertThat(m.get("name")).isEqualTo("b3");
            assertThat((Long) m.get("refused")).isPositive();
        });
    }

    @Test
    void balanceByTargetCountsTheHostAndPortEachCallWentTo() throws Exception {
        try (SimService a = SimService.start(SimConfig.defaults()); SimService b = SimService.start(SimConfig.defaults())) {
            String[] targets = {a.url(), a.url(), b.url()};     // a client-side split of 2:1
            TestPlan plan = Barrage.plan("targets")
                    .scenario(Barrage.scenario("s")
                            .target(a.url())
                            .balance(new Balance(null, true, List.of(), Map.of(), 0.95, Duration.ofSeconds(5)))
                            .user((http, vu) -> http.get(targets[(int) (vu.index() % 3)] + "/fast"))
                            .phases(Barrage.holdRate("steady", 150, Duration.ofSeconds(2))))
                    .build();
            RunSummary summary = Run.start(plan, RunOptions.defaults()).await();
            BalanceSummary bs = balanceOf(summary.scenario("s"));
            String ka = a.url().substring("http://".length()), kb = b.url().substring("http://".length());
            assertThat(bs.source()).isEqualTo("target");
            assertThat(bs.backends()).containsOnlyKeys(ka, kb);
            assertThat(bs.backends().get(ka)).isEqualTo(2 * bs.backends().get(kb));
            // 2:1 → mean 1.5x, σ 0.5x → 1 − 1/3
            assertThat(bs.score()).isCloseTo(2 / 3.0, org.assertj.core.api.Assertions.within(0.001));
        }
    }

    @Test
    void capacitySearchFindsACapacityKnownByConstructionWithinTenPercent() throws Exception {
        // one backend serving 10 requests at once, 20 ms each: 500 requests/s, by construction
        SimConfig sim = SimConfig.defaults().withEachBackend(b -> b.withLatency(LatencyModel.constant(Duration.ofMillis(20))).withCapacity(10));
        TestPlan plan = Barrage.plan("capacity")
                .sim(sim)
                .scenario(Barrage.scenario("s").user((http, vu) -> http.get("/json")).phases(Barrage.holdRate("steady", 100, Duration.ofSeconds(10))))
                .build();
        CapacitySettings settings = CapacitySettings.defaults().withRange(200, 2000).withHold(Duration.ofSeconds(2), Duration.ofMillis(700))
                .withPrecision(0.05).withMaxDuration(Duration.ofMinutes(2))
                .withCriteria(List.of(Barrage.latencyBelow(Assertion.Stat.P99, Duration.ofMillis(100))));
        TestPlan search = CapacityRun.plan(plan, "s", settings);
        Run run = Run.start(search, RunOptions.defaults());
        List<String> lines = new ArrayList<>();
        CapacityResult r = CapacityRun.search(run, settings, lines::add);
        RunSummary summary = run.await();

        assertThat(summary.status()).isEqualTo("passed");
        assertThat(r.found()).as(String.join("\n", lines)).isTrue();
        assertThat(r.highestHeld()).as(String.join("\n", lines)).isBetween(450.0, 550.0);
        assertThat(r.lowestFailed()).isLessThanOrEqualTo(r.highestHeld() * 1.05 + 1);
        assertThat(r.firstFailure()).singleElement().asString().startsWith("p99 < 100ms");
        assertThat(lines).hasSize(r.steps().size());
    }

    /** The balance section as summary.json has it, in its type. */
    static BalanceSummary balanceOf(ScenarioSummary s) {
        return Json.MAPPER.convertValue(s.analyses().get("balance"), BalanceSummary.class);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> backendsOf(io.barrage.engine.summary.TimelinePoint p) {
        return (Map<String, Object>) p.analyses().get("backends");
    }
}
