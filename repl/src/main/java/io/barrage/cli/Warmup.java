package io.barrage.cli;

import io.barrage.api.Barrage;
import io.barrage.dsl.CompiledScript;
import io.barrage.engine.loop.EventLoops;
import io.barrage.sim.WarmupResponder;
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
import java.util.Map;

/**
 * Warms the generator up before a run: a JVM starts interpreting, and a load that begins at a high
 * rate would measure the JIT compiler for its first seconds (seen here: 2000/s to a 10 ms endpoint
 * gave a p99 of seconds in the first 2–3 s, then 13 ms). The warm-up sends load of the same kind,
 * at the rate the run starts with, to an in-process server on loopback — never to the target — and
 * throws its numbers away.
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

    /**
     * Runs the warm-up: open-model load rising to {@code rate} arrivals/s over three fifths of
     * {@code length}, then held. Where event loops run, it is barrage's own warm-up script (written in
     * the DSL, so a script's path is the one compiled) against the {@link WarmupResponder}; elsewhere
     * a plan built in Java against the simulated service.
     */
    static void run(Duration length, double rate, int loops) throws Exception {
        if (length.isZero() || length.isNegative()) return;
        // a gentle rise (a cold JVM pushed at full rate at once falls behind, opens a connection per
        // arrival and warms up the wrong things), then the rate held
        Duration rising = length.multipliedBy(3).dividedBy(5);
        double from = Math.max(10, rate / 10);
        RunOptions options = RunOptions.defaults().withProbe(GeneratorProbe.IDLE).withGracefulStop(Duration.ofSeconds(2)).withLoops(loops);
        if (loops > 0 && EventLoops.unavailable() == null) {
            try (WarmupResponder responder = WarmupResponder.start()) {
                Map<String, String> params = Map.of("url", responder.url(), "rate", Long.toString(Math.round(rate)),
                        "from", Long.toString(Math.round(from)), "riseMillis", Long.toString(rising.toMillis()),
                        "holdMillis", Long.toString(length.minus(rising).toMillis()));
                Run.start(script().load(params).getPlan(), options).await();
            }
        } else {
            Phase rise = Barrage.rampRate("rise", from, rate, rising);
            Phase hold = Barrage.holdRate("warm", rate, length.minus(rising));
            TestPlan plan = Barrage.plan("warm-up")
                    .sim(SimConfig.defaults())
                    .scenario(Barrage.scenario("warm-up")
                            .user((http, vu) -> {
                                http.get("/fast", RequestOptions.NONE, r -> r.expect("ok", r.getStatus() == 200));
                                if (vu.index() % 4 == 0) http.post("/echo", RequestOptions.options().json(Map.of("warm", true)));
                            })
                            .phases(rise, hold))
                    .build();
            Run.start(plan, options).await();
        }
        // The warm-up's garbage is not the run's: collected now, the heap starts the run small
        // instead of carrying an old generation the warm-up grew (B4: up to 100 MB more RSS).
        System.gc();
    }

    /** The warm-up script, compiled once per barrage build (the compiled-script cache keeps it). */
    private static CompiledScript script() throws java.io.IOException {
        try (var in = Warmup.class.getResourceAsStream("warmup.groovy")) {
            if (in == null) throw new IllegalStateException("barrage's warm-up script is missing from its jar");
            return Scripts.compiler().compile("warmup.groovy", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /**
     * The peak rate to warm up to: the plan's first second (a closed-model user counted as 20
     * arrivals/s), between 200 and 50 000 arrivals/s; at most 3 000 where the simulated service
     * serves the warm-up (its own ceiling is near 30 000 on 2 cores).
     */
    static double rate(TestPlan plan, int loops) {
        double peak = 0;
        for (Scenario s : plan.scenarios()) {
            double v = firstSecondPeak(s);
            peak = Math.max(peak, s.model() == LoadModel.OPEN ? v : v * 20);
        }
        double cap = loops > 0 && EventLoops.unavailable() == null ? 50_000 : 3_000;
        return Math.max(200, Math.min(cap, peak));
    }

    /** The highest load a scenario asks for in its first second. */
    private static double firstSecondPeak(Scenario s) {
        double peak = 0;
        for (long t = 0; t <= 1_000_000_000L; t += 100_000_000L) peak = Math.max(peak, s.valueAt(t));
        return peak;
    }
}
