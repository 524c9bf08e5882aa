package io.barrage.cli;

import io.barrage.api.Barrage;
import io.barrage.engine.model.LoadModel;
import io.barrage.engine.model.Phase;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.model.TestPlan;
import io.barrage.engine.run.GeneratorProbe;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunOptions;
import io.barrage.http.RequestOptions;
import io.barrage.sim.SimConfig;
import java.time.Duration;

/**
 * Warms the generator up before a run: a JVM starts interpreting, and a load that begins at a high
 * rate would measure the JIT compiler for its first seconds (seen here: 2000/s to a 10 ms endpoint
 * gave a p99 of seconds in the first 2–3 s, then 13 ms). The warm-up sends load of the same kind to
 * an in-process simulated service on loopback — never to the target — and throws its numbers away.
 */
final class Warmup {
    private Warmup() {}

    /** The warm-up a plan needs by default: some when any scenario starts high, none for gentle starts. */
    static Duration auto(TestPlan plan) {
        for (Scenario s : plan.scenarios()) {
            double start = firstSecondPeak(s);
            if (s.model() == LoadModel.OPEN ? start >= 200 : start >= 50) return Duration.ofSeconds(2);
        }
        return Duration.ZERO;
    }

    /** Runs the warm-up: an open-model ramp to {@code rate} arrivals/s against an in-process simulated service. */
    static void run(Duration length, double rate) throws Exception {
        if (length.isZero() || length.isNegative()) return;
        Phase ramp = Barrage.rampRate("warm-up", Math.max(10, rate / 4), rate, length);
        TestPlan plan = Barrage.plan("warm-up")
                .sim(SimConfig.defaults())
                .scenario(Barrage.scenario("warm-up")
                        .user((http, vu) -> {
                            http.get("/fast", RequestOptions.NONE, r -> r.expect("ok", r.getStatus() == 200));
                            http.post("/echo", RequestOptions.options().json(java.util.Map.of("warm", true)));
                        })
                        .phases(ramp))
                .build();
        Run.start(plan, RunOptions.defaults().withProbe(GeneratorProbe.IDLE).withGracefulStop(Duration.ofSeconds(2))).await();
        // The warm-up's garbage is not the run's: collected now, the heap starts the run small
        // instead of carrying an old generation the warm-up grew (B4: up to 100 MB more RSS).
        System.gc();
    }

    /** The peak rate to warm up to: the plan's first second, between 200 and 3000 arrivals/s. */
    static double rate(TestPlan plan) {
        double peak = 0;
        for (Scenario s : plan.scenarios()) {
            double v = firstSecondPeak(s);
            peak = Math.max(peak, s.model() == LoadModel.OPEN ? v : v * 20);
        }
        return Math.max(200, Math.min(3000, peak));
    }

    /** The highest load a scenario asks for in its first second. */
    private static double firstSecondPeak(Scenario s) {
        double peak = 0;
        for (long t = 0; t <= 1_000_000_000L; t += 100_000_000L) peak = Math.max(peak, s.valueAt(t));
        return peak;
    }
}
