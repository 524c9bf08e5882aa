// A scenario in plain Java, against the same engine and stdlib API the Groovy DSL uses.
//   ./barrage run scenarios/JavaApi.java
// barrage compiles the file with javac and calls plan(params).

import static io.barrage.api.Barrage.point;

import io.barrage.api.Barrage;
import io.barrage.api.HttpUser;
import io.barrage.api.ScenarioScript;
import io.barrage.engine.model.Assertion;
import io.barrage.engine.model.ThinkTime;
import io.barrage.engine.run.TestPlan;
import io.barrage.sim.SimConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

public class JavaApi implements ScenarioScript {
    @Override
    public TestPlan plan(Map<String, String> params) {
        int rate = Integer.parseInt(params.getOrDefault("rate", "50"));        // -p rate=…
        int seconds = Integer.parseInt(params.getOrDefault("seconds", "15"));  // -p seconds=…
        HttpUser browse = (http, vu) -> {
            http.get("/items", r -> r.expectStatus(200));
            vu.think(ThinkTime.uniform(Duration.ofMillis(10), Duration.ofMillis(50)));
            http.get("/items/" + (1 + vu.random().nextInt(20)));
        };
        return Barrage.plan("java-api")
                .sim(SimConfig.defaults().withLatency(Duration.ofMillis(2), Duration.ofMillis(8)))
                .scenario(Barrage.scenario("java-api")                      // open model: arrivals per second
                        .user(browse)
                        .phases(Barrage.rampRate("warm-up", 5, rate, Duration.ofSeconds(Math.min(5, seconds))),
                                // a custom curve: up by half and back every 10 s, looped
                                Barrage.pointsRate("steady", List.of(point(Duration.ZERO, rate),
                                        point(Duration.ofSeconds(5), rate * 1.5), point(Duration.ofSeconds(10), rate)),
                                        true, Duration.ofSeconds(seconds)))
                        .assertions(Barrage.latencyBelow(Assertion.Stat.P95, Duration.ofMillis(100)),
                                Barrage.errorRateBelow(0.01),
                                Barrage.achievedAbove(0.99)))
                .scenario(Barrage.scenario("java-api-users")                // closed model: concurrent users
                        .user(browse)
                        .phases(Barrage.sineUsers("waves", 4, 2, Duration.ofSeconds(10), Duration.ofSeconds(seconds)))
                        .assertions(Barrage.errorRateBelow(0.01)))
                .build();
    }
}
