package io.barrage.cli;

import io.barrage.dsl.LoadedScript;
import io.barrage.dsl.ScenarioCompiler;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunOptions;
import io.barrage.engine.summary.RunSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * The training run of the launcher's start-up cache ({@code -XX:AOTCacheOutput}): compiles a script
 * and runs it briefly against the simulated service, so the classes of both paths are cached.
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
        ScenarioCompiler compiler = new ScenarioCompiler(cache, Version.build());
        compiler.compile("train.groovy", SCRIPT);                            // compiles, writes the cache
        LoadedScript loaded = compiler.compile("train.groovy", SCRIPT).load(Map.of("rate", "1500"));   // reads it
        StringWriter sink = new StringWriter();
        ConsoleReporter console = new ConsoleReporter(new PrintWriter(sink), false, true);
        Run run = Run.start(loaded.getPlan(), RunOptions.defaults().withOutputs(List.of(console)).withGracefulStop(Duration.ofSeconds(2)));
        RunSummary summary = run.await();
        SummaryPrinter.render(summary, null);
        PlanChart.render(loaded.getPlan(), 64, 8);
        try (var files = java.nio.file.Files.walk(cache)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return 0;
    }
}
