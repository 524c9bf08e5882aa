package io.barrage.launch;

import io.barrage.api.Barrage;
import io.barrage.dsl.CompiledScript;
import io.barrage.engine.loop.EventLoops;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.model.Phase;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.run.GeneratorProbe;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunOptions;
import io.barrage.http.HttpClientChoice;
import io.barrage.http.RequestOptions;
import io.barrage.sim.SimConfig;
import io.barrage.sim.WarmupResponder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Warms the generator up before a run: a JVM starts interpreting, and a load that begins at a high
 * rate would measure the JIT compiler for its first seconds (seen here: 2000/s to a 10 ms endpoint
 * gave a p99 of seconds in the first 2–3 s, then 13 ms). The warm-up sends load of the same kinds
 * as the script's (open arrivals at the rate it starts with, closed users thinking or not) to an
 * in-process server on loopback — never to the target — and throws its numbers away.
 */
final class Warmup {
    /** The most users a closed-model warm-up starts: enough to compile their path, not to grow the heap. */
    static final int MAX_USERS = 256;
    /** The warm-up's report interval: a run's once-a-second report, made often enough to be compiled. */
    private static final Duration REPORT_EVERY = Duration.ofMillis(50);

    private Warmup() {}

    /**
     * The warm-up a plan needs by default: 2 s when any scenario starts high (≥ 200 arrivals/s or
     * ≥ 50 users), 1 s for gentle starts. Whatever the rate, a cold JVM's first requests measure
     * barrage itself: at 40 arrivals/s to nginx's 10 ms answer, the first second had p99 20–60 ms
     * and the run's p99 read 16–39 ms without; 1 s of warm-up gave 13–14 ms, as 2 s did.
     */
    static Duration auto(TestPlan plan) {
        for (Scenario s : plan.scenarios()) {
            double start = firstSecondPeak(s);
            if (s.model() == LoadModel.OPEN ? start >= 200 : start >= 50) return Duration.ofSeconds(2);
        }
        return Duration.ofSeconds(1);
    }

    /** The load to warm up with (see {@link WarmupLoad}). */
    static WarmupLoad load(TestPlan plan, int loops) {
        double rate = 0;
        int users = 0;
        boolean thinks = false;
        for (Scenario s : plan.scenarios()) {
            double v = firstSecondPeak(s);
            if (s.model() == LoadModel.OPEN) {
                rate = Math.max(rate, v);
            } else {
                users = Math.max(users, (int) Math.ceil(v));
                thinks |= s.pacing() != null;
            }
        }
        double cap = loops > 0 && EventLoops.unavailable() == null ? 50_000 : 3_000;
        if (rate > 0) rate = Math.max(200, Math.min(cap, rate));
        if (users > 0) users = Math.max(10, Math.min(MAX_USERS, users));
        boolean sim = false;
        boolean redis = false;
        for (AutoCloseable r : plan.resources()) {
            sim |= r instanceof io.barrage.sim.SimResource;
            redis |= r instanceof io.barrage.redis.RedisTarget;
        }
        return new WarmupLoad(rate, users, thinks, sim, redis);
    }

    /**
     * Runs the warm-up for {@code length}. Where event loops run, it is barrage's own warm-up script
     * (written in the DSL, so a script's path is the one compiled) against the {@link
     * WarmupResponder}, in two rounds: load rising over two fifths of the time and held for one,
     * then a new run held at full load from its first arrival for the last two fifths. What a run
     * does once at its start (new clients, connections, metrics, paths) is then compiled too: with
     * one round, the JIT had compiled those branches away and dropped the compiled arrival path at
     * the run's first requests, and the loop fell 10-40 ms behind while it compiled again. When the
     * plan starts barrage's simulated service, a last round of a quarter of the time sends gentle
     * load (at most 1 000/s) to a simulated service of the warm-up's own. Elsewhere,
     * an open-model plan built in Java against the simulated service. Its HTTP runs on the client the
     * run's will ({@code httpClient}).
     */
    static void run(Duration length, WarmupLoad load, int loops, HttpClientChoice httpClient) throws IOException, InterruptedException {
        if (length.isZero() || length.isNegative()) return;
        RunOptions options = RunOptions.defaults().withProbe(GeneratorProbe.IDLE).withGracefulStop(Duration.ofSeconds(2)).withLoops(loops);
        // a gentle rise first (a cold JVM pushed at full rate at once falls behind, opens a connection
        // per arrival and warms up the wrong things)
        if (loops > 0 && EventLoops.unavailable() == null) {
            Duration rise = length.multipliedBy(2).dividedBy(5);
            Duration again = length.multipliedBy(2).dividedBy(5);
            Duration hold = length.minus(rise).minus(again);
            try (WarmupResponder responder = WarmupResponder.start()) {
                CompiledScript script = script();
                long rate = Math.round(load.rate());
                Run.start(plan(script, httpClient, params(responder, load, Math.max(10, rate / 10), rise, hold)), options).await();
                // the second round writes results as a run does (to a directory deleted after) and reports
                // every 50 ms, so that the run's reports are compiled code: its first had taken 45 ms of
                // CPU in the interpreter and the class loader, and the next ones sent the JIT compiling,
                // on the cores the load needs
                Path scratch = Files.createTempDirectory("barrage-warmup");
                try {
                    Run.start(plan(script, httpClient, params(responder, load, rate, Duration.ZERO, again)),
                            options.withResultsDir(scratch).withProbe(GeneratorProbe.jvm()).withTickInterval(REPORT_EVERY)).await();
                } finally {
                    deleteTree(scratch);
                }
                // the run's target is barrage's own simulated service: its code is warmed too, on a service of
                // the warm-up's own (at 40/s the first second's p99 was 27-34 ms without, 14-20 ms with; steady 11-14)
                if (load.sim()) {
                    try (io.barrage.sim.SimService sim = io.barrage.sim.SimService.start(SimConfig.defaults())) {
                        WarmupLoad gentle = new WarmupLoad(Math.min(1_000, load.rate()), Math.min(load.users(), 32), load.thinks(), true, false);
                        Run.start(plan(script, httpClient, params(sim.url(), gentle, Math.round(gentle.rate()), Duration.ZERO, length.dividedBy(4))), options).await();
                    }
                }
            }
        } else {
            Duration rising = length.multipliedBy(3).dividedBy(5);
            double rate = load.rate() > 0 ? load.rate() : Math.min(3_000, load.users() * 20.0);
            Phase rise = Barrage.rampRate("rise", Math.max(10, rate / 10), rate, rising);
            Phase hold = Barrage.holdRate("warm", rate, length.minus(rising));
            TestPlan plan = Barrage.plan("warm-up").httpClient(httpClient)
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
        if (load.redis()) redis(length.dividedBy(2), load, options, httpClient);
        // The warm-up's garbage is not the run's: collected now, the heap starts the run small
        // instead of carrying an old generation the warm-up grew (B4: up to 100 MB more RSS).
        System.gc();
    }

    /**
     * The plan calls a Redis: its kinds of calls, rising to the run's first rate (200 to 5 000/s;
     * closed users count 20 calls a second each), for half the warm-up, to a stand-in in process
     * ({@link io.barrage.redis.WarmupRedis}), never to the script's Redis.
     */
    private static void redis(Duration length, WarmupLoad load, RunOptions options, HttpClientChoice httpClient) throws IOException, InterruptedException {
        double wanted = load.rate() > 0 ? load.rate() : load.users() * 20.0;
        long rate = Math.round(Math.max(200, Math.min(5_000, wanted)));
        try (io.barrage.redis.WarmupRedis stand = io.barrage.redis.WarmupRedis.start()) {
            CompiledScript script = script("warmup-redis.groovy");
            Map<String, String> params = new HashMap<>();
            params.put("url", stand.url());
            params.put("rate", Long.toString(rate));
            params.put("riseMillis", Long.toString(length.toMillis() * 2 / 5));
            params.put("holdMillis", Long.toString(length.toMillis() * 3 / 5));
            Run.start(plan(script, httpClient, params), options).await();
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // a temporary directory left behind
        }
    }

    private static Map<String, String> params(WarmupResponder responder, WarmupLoad load, long from, Duration rise, Duration hold) {
        return params(responder.url(), load, from, rise, hold);
    }

    private static Map<String, String> params(String url, WarmupLoad load, long from, Duration rise, Duration hold) {
        Map<String, String> params = new HashMap<>();
        params.put("url", url);
        params.put("rate", Long.toString(Math.round(load.rate())));
        params.put("from", Long.toString(from));
        params.put("users", Integer.toString(load.users()));
        params.put("think", Boolean.toString(load.thinks()));
        params.put("riseMillis", Long.toString(rise.toMillis()));
        params.put("holdMillis", Long.toString(hold.toMillis()));
        return params;
    }

    private static TestPlan plan(CompiledScript script, HttpClientChoice httpClient, Map<String, String> params) {
        return script.load(params, java.util.Set.of(), httpClient).getPlan();
    }

    /** The warm-up script, compiled once per barrage build (the compiled-script cache keeps it). */
    private static CompiledScript script() throws java.io.IOException {
        return script("warmup.groovy");
    }

    private static CompiledScript script(String name) throws java.io.IOException {
        try (var in = Warmup.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("barrage's warm-up script " + name + " is missing from its jar");
            return Scripts.compiler().compile(name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** The highest load a scenario asks for in its first second. */
    private static double firstSecondPeak(Scenario s) {
        double peak = 0;
        for (long t = 0; t <= 1_000_000_000L; t += 100_000_000L) peak = Math.max(peak, s.valueAt(t));
        return peak;
    }
}
