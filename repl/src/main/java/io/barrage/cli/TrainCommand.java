package io.barrage.cli;

import io.barrage.engine.summary.RunSummary;
import io.barrage.launch.LaunchOptions;
import io.barrage.launch.Launcher;
import io.barrage.launch.LoadedLaunch;
import io.barrage.launch.PreparedLaunch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * The training run of the launcher's start-up cache ({@code -XX:AOTCacheOutput}): compiles a script
 * and runs it briefly against the simulated service through the launcher, as {@code barrage run}
 * does, so the classes of both paths are cached.
 */
@Command(name = "train", addMethodSubcommands = false, hidden = true, description = "Exercise compile and run paths once (for the JVM start-up cache).")
final class TrainCommand implements Callable<Integer> {
    private static final String SCRIPT = """
            sim { latency 1.ms }
            int rate = param('rate', 50)
            scenario('train') {
                user {
                    http.get('/items') { expect status: 200; expect { it.json.items } }
                    http.post('/echo', json: [a: 1]) { expect status: [200, 201] }
                    http.get("/items/${1 + random.nextInt(5)}")
                }
                phases { ramp 'up', rate: 10..rate, over: 1.s; hold 'steady', rate: rate, for: 3.s }
                assertions { p95 < 5.s; errorRate < 50.percent; achievedRate > 1.percent }
            }
            """;

    @Override
    public Integer call() throws Exception {
        java.nio.file.Path cache = java.nio.file.Files.createTempDirectory("barrage-train-");
        java.nio.file.Path script = java.nio.file.Files.writeString(cache.resolve("train.groovy"), SCRIPT);
        // the launcher, as barrage run uses it, with a cache of compiled scripts of its own
        Launcher launcher = new Launcher().withScriptCache(cache.resolve("compiled"));
        LaunchOptions options = LaunchOptions.of(script).withParams(Map.of("rate", "1500")).withWarmup(Duration.ZERO)
                .withGracefulStop(Duration.ofSeconds(2)).withLoops(LaunchOptions.AUTO_LOOPS);
        try (LoadedLaunch compiled = launcher.load(options)) {                  // compiles, writes the cache
            PlanChart.render(compiled.plan(), 64, 8);
        }
        StringWriter sink = new StringWriter();
        ConsoleReporter console = new ConsoleReporter(new PrintWriter(sink), false, true);
        PreparedLaunch launch = launcher.prepare(options.withExtraOutputs(List.of(console)));   // reads it
        launch.start();
        RunSummary summary = launch.await();
        SummaryPrinter.render(summary, null);
        try (var files = java.nio.file.Files.walk(cache)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return 0;
    }
}
