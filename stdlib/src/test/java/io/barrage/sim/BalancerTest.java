package io.barrage.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BalancerTest {

    static List<Backend> backends(double... weights) {
        List<Backend> out = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) out.add(new Backend(BackendConfig.named("b" + (i + 1)).withWeight(weights[i]), i));
        return out;
    }

    static Map<String, Integer> spread(Balancer b, int n, java.util.function.IntFunction<String> key) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < n; i++) out.merge(b.pick(key.apply(i)).name(), 1, Integer::sum);
        return out;
    }

    @Test
    void roundRobinTakesTurns() {
        Balancer b = new Balancer(Balancing.ROUND_ROBIN, backends(1, 1, 1, 1), false);
        assertThat(spread(b, 400, i -> null)).containsOnly(Map.entry("b1", 100), Map.entry("b2", 100), Map.entry("b3", 100), Map.entry("b4", 100));
    }

    @Test
    void weightedFollowsTheWeightsExactlyAndSmoothly() {
        Balancer b = new Balancer(Balancing.WEIGHTED, backends(3, 1, 1), false);
        assertThat(spread(b, 500, i -> null)).containsOnly(Map.entry("b1", 300), Map.entry("b2", 100), Map.entry("b3", 100));
        // smooth: the heavy backend never gets more than its share in a row (nginx's rule: b1 b1 b2 b1 b3 ...)
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 5; i++) first.add(b.pick(null).name());
        assertThat(first).containsExactly("b1", "b2", "b1", "b3", "b1");
    }

    @Test
    void leastConnectionsAvoidsTheBusyBackend() {
        List<Backend> list = backends(1, 1, 1);
        Balancer b = new Balancer(Balancing.LEAST_CONNECTIONS, list, false);
        list.get(0).inFlight.set(5);
        list.get(1).inFlight.set(1);
        list.get(2).inFlight.set(3);
        for (int i = 0; i < 10; i++) assertThat(b.pick(null).name()).isEqualTo("b2");
        list.get(1).inFlight.set(3);
        // ties spread over the tied backends
        assertThat(spread(b, 100, i -> null)).containsOnlyKeys("b2", "b3");
    }

    @Test
    void randomReachesEveryBackend() {
        Balancer b = new Balancer(Balancing.RANDOM, backends(1, 1, 1, 1), false);
        assertThat(spread(b, 2000, i -> null)).containsOnlyKeys("b1", "b2", "b3", "b4").allSatisfy((k, v) -> assertThat(v).isBetween(350, 650));
    }

    @Test
    void consistentHashKeepsKeysAndMovesOnlyTheLostBackendsKeys() {
        List<Backend> list = backends(1, 1, 1, 1);
        Balancer b = new Balancer(Balancing.HASH, list, true);
        Map<String, String> before = new HashMap<>();
        for (int i = 0; i < 1000; i++) before.put("user-" + i, b.pick("user-" + i).name());
        for (int i = 0; i < 1000; i++) assertThat(b.pick("user-" + i).name()).isEqualTo(before.get("user-" + i));
        assertThat(new java.util.HashSet<>(before.values())).containsExactlyInAnyOrder("b1", "b2", "b3", "b4");
        list.get(2).healthy = false;
        b.refresh();
        int moved = 0;
        for (Map.Entry<String, String> e : before.entrySet()) {
            String now = b.pick(e.getKey()).name();
            assertThat(now).isNotEqualTo("b3");
            if (!e.getValue().equals("b3") && !now.equals(e.getValue())) moved++;
        }
        assertThat(moved).as("keys of the backends still in rotation stay where they were").isZero();
    }

    @Test
    void onlyHealthyBackendsAreInRotationWhenChecked() {
        List<Backend> list = backends(1, 1);
        Balancer b = new Balancer(Balancing.ROUND_ROBIN, list, true);
        list.get(0).healthy = false;
        b.refresh();
        assertThat(spread(b, 10, i -> null)).containsOnly(Map.entry("b2", 10));
        list.get(1).healthy = false;
        b.refresh();
        assertThat(b.pick(null)).isNull();
        Balancer unchecked = new Balancer(Balancing.ROUND_ROBIN, list, false);
        assertThat(spread(unchecked, 10, i -> null)).containsOnlyKeys("b1", "b2");
    }

    @Test
    void healthCheckTakesADeadBackendOutAfterItsThresholdAndBackWhenItRecovers() {
        List<Backend> list = backends(1, 1, 1);
        Balancer b = new Balancer(Balancing.ROUND_ROBIN, list, true);
        List<String> events = new ArrayList<>();
        HealthChecker h = new HealthChecker(HealthCheck.DEFAULT, list, b, (m, d) -> events.add(m));
        list.get(1).down = true;
        h.check();
        assertThat(b.inRotation()).hasSize(3);          // one failure is not enough (out after 2)
        h.check();
        assertThat(b.inRotation()).extracting(Backend::name).containsExactly("b1", "b3");
        list.get(2).partitioned = true;
        h.check();
        h.check();
        assertThat(b.inRotation()).extracting(Backend::name).containsExactly("b1");
        list.get(1).down = false;
        h.check();
        assertThat(b.inRotation()).extracting(Backend::name).containsExactly("b1", "b2");
        assertThat(events).containsExactly(
                "health check: b2 taken out of rotation (connection refused)",
                "health check: b3 taken out of rotation (probe timed out after 500ms)",
                "health check: b2 is back in rotation");
    }

    @Test
    void latencyModelsParseAndSample() {
        var r = new java.util.Random(1);
        assertThat(LatencyModel.parse("5ms").sample(r)).isEqualTo(5_000_000);
        LatencyModel u = LatencyModel.parse("5ms..20ms");
        for (int i = 0; i < 100; i++) assertThat(u.sample(r)).isBetween(5_000_000L, 20_000_001L);
        LatencyModel ln = LatencyModel.parse("lognormal(20ms,0.5)+10%:300ms");
        assertThat(ln.describe()).isEqualTo("lognormal(20ms,0.5)+10%:300ms");
        long slow = 0;
        for (int i = 0; i < 10_000; i++) if (ln.sample(r) > 250_000_000L) slow++;
        assertThat(slow).isBetween(800L, 1200L);
        assertThat(LatencyModel.parse("normal(20ms,5ms)").meanNanos()).isEqualTo(20e6);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LatencyModel.parse("fast"))
                .hasMessageStartingWith("latency 'fast': 'fast' is not a duration");
    }
}
