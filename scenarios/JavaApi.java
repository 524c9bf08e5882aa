// A scenario in plain Java, against the same engine and stdlib API the Groovy DSL uses.
//   ./barrage run scenarios/JavaApi.java
// barrage compiles the file with javac and calls plan(params).

import io.barrage.api.Barrage;
import io.barrage.api.ScenarioScript;
import io.barrage.engine.model.Assertion;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.model.ThinkTime;
import io.barrage.sim.SimConfig;
import java.time.Duration;
import java.util.Map;

public class JavaApi implements ScenarioScript {
    @Override
    public TestPlan plan(Map<String, String> params) {
        int rate = Integer.parseInt(params.getOrDefault("rate", "50"));        // -p rate=…
        int seconds = Integer.parseInt(params.getOrDefault("seconds", "15"));  // -p seconds=…
        return Barrage.plan("java-api")
                .sim(SimConfig.defaults().withLatency(Duration.ofMillis(2), Duration.ofMillis(8)))
                .scenario(Barrage.scenario("java-api")
                        .user((http, vu) -> {
                            http.get("/items", r -> r.expectStatus(200));
                            vu.think(ThinkTime.uniform(Duration.ofMillis(10), Duration.ofMillis(50)));
                            http.get("/items/" + (1 + vu.random().nextInt(20)));
                        })
                        .phases(Barrage.rampRate("warm-up", 5, rate, Duration.ofSeconds(Math.min(5, seconds))),
                                Barrage.holdRate("steady", rate, Duration.ofSeconds(seconds)))
                        .assertions(Barrage.latencyBelow(Assertion.Stat.P95, Duration.ofMillis(100)),
                                Barrage.errorRateBelow(0.01),
                                Barrage.achievedAbove(0.99)))
                .build();
    }
}
