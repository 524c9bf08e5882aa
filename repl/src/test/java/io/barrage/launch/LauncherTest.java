package io.barrage.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barrage.engine.output.Output;
import io.barrage.engine.output.OutputFactory;
import io.barrage.engine.output.OutputSpec;
import io.barrage.engine.output.Outputs;
import io.barrage.engine.summary.RunSummary;
import io.barrage.http.HttpClientChoice;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A launch without the command line: typed options in, a summary and an exit code out. */
class LauncherTest {
    @TempDir Path dir;

    static final String SHORT = """
            sim { latency 1.ms }
            int rate = param('rate', 20)
            scenario('short') {
                user { http.get('/items/7') { expect status: 200 } }
                phases { hold 'steady', rate: rate, for: 1.s }
                assertions { errorRate < 1.percent }
            }
            """;

    static final String JAVA = """
            import io.barrage.api.Barrage;
            import io.barrage.api.ScenarioScript;
            import io.barrage.engine.run.TestPlan;
            import io.barrage.sim.SimConfig;
            import java.time.Duration;
            import java.util.Map;

            public class Short implements ScenarioScript {
                @Override
                public TestPlan plan(Map<String, String> params) {
                    return Barrage.plan("short-java").sim(SimConfig.defaults())
                            .scenario(Barrage.scenario("short-java").user((http, vu) -> http.get("/items/7"))
                                    .phases(Barrage.holdRate("steady", 20, Duration.ofSeconds(1))))
                            .build();
                }
            }
            """;

    Path script(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    LaunchOptions quick(Path script) {
        return LaunchOptions.of(script).withWarmup(Duration.ZERO).withGracefulStop(Duration.ofSeconds(2));
    }

    @Test
    void aScriptRunsThroughTheLauncherToASummaryResultsAndAnExitCode() throws Exception {
        Path s = script("short.groovy", SHORT);
        Path results = dir.resolve("results");
        RunSummary summary = new Launcher().launch(quick(s).withParams(Map.of("rate", "30")).withResultsDir(results).withVersion("9.9"));
        assertThat(summary.status()).isEqualTo("passed");
        assertThat(summary.exitCode()).isZero();
        assertThat(summary.barrage()).isEqualTo("9.9");
        assertThat(summary.scenarios()).singleElement().satisfies(sc -> {
            assertThat(sc.info()).containsEntry("target", "built-in simulated service");
            assertThat(sc.total().requests()).isGreaterThan(10);
        });
        try (var runs = Files.list(results)) {
            assertThat(runs.toList()).singleElement().satisfies(run -> assertThat(run.resolve("summary.json")).exists());
        }
    }

    @Test
    void aPreparedLaunchWaitsForItsStartAndStartsAtTheInstantGiven() throws Exception {
        Path s = script("short.groovy", SHORT);
        List<String> seen = new CopyOnWriteArrayList<>();
        Output events = new Output() {
            @Override
            public void onEnd(RunSummary summary) {
                seen.add(summary.status());
            }
        };
        try (LoadedLaunch loaded = new Launcher().load(quick(s).withExtraOutputs(List.of(events)))) {
            assertThat(loaded.plan().name()).isEqualTo("short");
            assertThat(loaded.warmup()).isEqualTo(Duration.ZERO);
            try (PreparedLaunch launch = loaded.prepare()) {
                launch.awaitReady();
                assertThat(launch.run().state()).isEqualTo("ready");
                Instant at = Instant.now().plusMillis(300);
                launch.startAt(at);
                RunSummary summary = launch.await();
                assertThat(summary.exitCode()).isZero();
                assertThat(launch.run().loadStartEpochMillis()).isGreaterThanOrEqualTo(at.toEpochMilli());
                assertThat(launch.resultsDir()).isNull();
            }
        }
        assertThat(seen).containsExactly("passed");
    }

    @ParameterizedTest
    @EnumSource(value = HttpClientChoice.class, names = {"LEAN", "OKHTTP"})
    void theHttpClientChoiceReachesEveryScenarioWithoutASystemProperty(HttpClientChoice choice) throws Exception {
        String name = choice.forced();
        List<Object> properties = new CopyOnWriteArrayList<>();
        Output duringTheRun = new Output() {
            @Override
            public void onStart(io.barrage.engine.output.RunView run) {
                for (Object k : System.getProperties().keySet()) if (k.toString().startsWith("barrage.")) properties.add(k);
            }
        };
        for (Path s : List.of(script("short.groovy", SHORT), script("Short.java", JAVA))) {
            RunSummary summary = new Launcher().launch(quick(s).withHttpClient(choice).withExtraOutputs(List.of(duringTheRun)));
            assertThat(summary.exitCode()).as(s.toString()).isZero();
            assertThat(summary.scenarios()).singleElement().satisfies(sc -> {
                assertThat(sc.info()).as(s.toString()).containsEntry("http", name);
                assertThat(sc.total().requests()).isGreaterThan(5);
                assertThat(sc.total().errors()).isZero();
            });
        }
        assertThat(properties).isEmpty();
    }

    @Test
    void withoutAChoiceEachScenarioKeepsItsOwnClient() throws Exception {
        Path s = script("own.groovy", SHORT.replace("    user {", "    http { client 'okhttp' }\n    user {"));
        try (LoadedLaunch loaded = new Launcher().load(quick(s))) {
            assertThat(loaded.plan().scenarios().get(0).info()).containsEntry("http", "okhttp");
        }
        try (LoadedLaunch loaded = new Launcher().load(quick(s).withHttpClient(HttpClientChoice.LEAN))) {
            assertThat(loaded.plan().scenarios().get(0).info()).containsEntry("http", "lean");
        }
    }

    @Test
    void badInputIsALaunchExceptionWithTheCommandLinesTextAndExitCode2() throws Exception {
        Launcher launcher = new Launcher();
        Path missing = dir.resolve("missing.groovy");
        assertThatThrownBy(() -> launcher.load(quick(missing))).isInstanceOfSatisfying(LaunchException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("no such script: " + missing);
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.problems()).isEmpty();
        });
        Path text = script("notes.txt", "x");
        assertThatThrownBy(() -> launcher.load(quick(text)))
                .isInstanceOf(LaunchException.class).hasMessage(text + ": barrage runs .groovy scripts and .java scenario classes");

        Path s = script("short.groovy", SHORT);
        assertThatThrownBy(() -> launcher.load(quick(s).withParams(Map.of("rat", "5")))).isInstanceOfSatisfying(LaunchException.class, e -> {
            assertThat(e.problems()).extracting(Object::toString).containsExactly(
                    "-p rat=5: " + s + " has no parameter 'rat'; did you mean 'rate'? (its parameters: rate)");
            assertThat(e.getMessage()).isEqualTo(e.problems().get(0).toString());
            assertThat(e.exitCode()).isEqualTo(2);
        });

        Path file = script("results-file", "x");
        assertThatThrownBy(() -> launcher.load(quick(s).withResultsDir(file, "--out")))
                .isInstanceOf(LaunchException.class).hasMessage("--out " + file + ": it is a file, not a directory");
        assertThatThrownBy(() -> launcher.load(quick(s).withResultsDir(file)))
                .isInstanceOf(LaunchException.class).hasMessage("the results directory " + file + ": it is a file, not a directory");
    }

    @Test
    void theLaunchersMessagesAreTheOnesTheCommandLinePrints() throws Exception {
        Path s = script("short.groovy", SHORT);
        Path file = script("results-file", "x");
        for (String[] args : List.of(new String[] {"run", dir.resolve("missing.groovy").toString()},
                new String[] {"run", "--out", file.toString(), s.toString()},
                new String[] {"run", s.toString(), "-p", "rat=5"})) {
            StringWriter out = new StringWriter(), err = new StringWriter();
            int exit = io.barrage.cli.Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
            LaunchOptions options = quick(Path.of(args[args[1].equals("--out") ? 3 : 1]));
            if (args[1].equals("--out")) options = options.withResultsDir(file, "--out");
            if (args.length == 4 && args[2].equals("-p")) options = options.withParams(Map.of("rat", "5"));
            LaunchOptions given = options;
            LaunchException e = org.junit.jupiter.api.Assertions.assertThrows(LaunchException.class, () -> new Launcher().load(given));
            assertThat(exit).isEqualTo(e.exitCode());
            assertThat(err.toString().strip()).isEqualTo(e.problems().isEmpty() ? "barrage: " + e.getMessage() : e.getMessage());
        }
    }

    /** A test-only output, registered by name: it proves a new output takes one file and reaches the run. */
    static final class Capture implements Output {
        static final List<String> ENDED = new CopyOnWriteArrayList<>();
        static final Map<String, Path> RESULTS_DIRS = new java.util.concurrent.ConcurrentHashMap<>();
        final String label;

        Capture(String label, Path resultsDir) {
            this.label = label;
            if (resultsDir != null) RESULTS_DIRS.put(label, resultsDir);
        }

        @Override
        public void onEnd(RunSummary summary) {
            ENDED.add(label + ":" + summary.name() + ":" + summary.status());
        }
    }

    static Outputs withCapture() {
        return Launcher.builtInOutputs().register("capture", new OutputFactory() {
            @Override
            public List<String> options() {
                return List.of("label");
            }

            @Override
            public String description() {
                return "records the end of a run (a test's)";
            }

            @Override
            public Output create(OutputSpec spec, Context context) {
                return new Capture(spec.option("label", context.planName()), context.resultsDir());
            }
        });
    }

    @Test
    void outputsNamedInTheOptionsAreBuiltThroughTheLaunchersRegistry() throws Exception {
        Path s = script("short.groovy", SHORT);
        RunSummary summary = new Launcher(withCapture()).launch(quick(s).withOutputs(List.of(OutputSpec.parse("capture:label=mine"))));
        assertThat(summary.exitCode()).isZero();
        assertThat(Capture.ENDED).contains("mine:short:passed");
    }

    @Test
    void anUnknownOutputOrSettingIsRefusedBeforeTheScriptIsEvenRead() {
        Launcher launcher = new Launcher(withCapture());
        Path missing = dir.resolve("missing.groovy");
        assertThatThrownBy(() -> launcher.load(quick(missing).withOutputs(List.of(OutputSpec.parse("captur")))))
                .isInstanceOfSatisfying(LaunchException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessage("unknown output 'captur'; did you mean 'capture'? (known: results, prometheus, remote-write, pushgateway, junit, report, dashboard, capture)");
        assertThatThrownBy(() -> launcher.load(quick(missing).withOutputs(List.of(OutputSpec.parse("capture:lable=x")))))
                .isInstanceOf(LaunchException.class)
                .hasMessage("output 'capture': unknown setting 'lable'; did you mean 'label'? (known: label)");
    }

    @Test
    void theResultsDirectoryIsAnOutputByNameAndTheOthersAreToldWhereItIs() throws Exception {
        Path s = script("short.groovy", SHORT);
        Path results = dir.resolve("named");
        RunSummary summary = new Launcher(withCapture()).launch(quick(s).withOutputs(
                List.of(OutputSpec.parse("capture:label=beside"), OutputSpec.parse("results:dir=" + results))));
        assertThat(summary.exitCode()).isZero();
        Path run;
        try (var runs = Files.list(results)) {
            run = runs.toList().get(0);
        }
        assertThat(run.getFileName().toString()).startsWith("short-");
        assertThat(run.resolve("summary.json")).exists();
        assertThat(run.resolve("intervals.hlog")).exists();
        // built after the results directory although named first: it may write beside summary.json
        assertThat(Capture.RESULTS_DIRS).containsEntry("beside", run);
    }

    @Test
    void aResultsOutputThatCannotWriteIsRefusedBeforeTheScriptIsRead() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        Launcher launcher = new Launcher();
        assertThatThrownBy(() -> launcher.load(quick(dir.resolve("missing.groovy")).withOutputs(List.of(OutputSpec.parse("results:dir=" + file)))))
                .isInstanceOfSatisfying(LaunchException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessage("--output results:dir=" + file + ": it is a file, not a directory");
    }

    @Test
    void nothingIsWrittenForALaunchThatIsOnlyLoaded() throws Exception {
        Path s = script("short.groovy", SHORT);
        Path results = dir.resolve("loaded-only");
        try (LoadedLaunch loaded = new Launcher().load(quick(s).withResultsDir(results))) {
            assertThat(loaded.plan().name()).isEqualTo("short");
        }
        try (var runs = Files.list(results)) {
            assertThat(runs.toList()).isEmpty();   // checked writable, but no run directory made
        }
    }

    @Test
    void thePrometheusOutputServesTheRunWithItsLabelsWhileItGoes() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        List<String> scraped = new CopyOnWriteArrayList<>();
        Outputs registry = Launcher.builtInOutputs().register("scraper", new OutputFactory() {
            @Override public List<String> options() { return List.of(); }
            @Override public String description() { return "scrapes /metrics once a second (a test's)"; }
            @Override public Output create(OutputSpec spec, Context context) {
                return new Output() {
                    @Override public void onInterval(io.barrage.engine.metrics.Tick tick) {
                        try (java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient()) {
                            scraped.add(c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString()).body());
                        } catch (Exception e) {
                            scraped.add("failed: " + e);
                        }
                    }
                };
            }
        });
        Path s = script("short.groovy", SHORT);
        RunSummary summary = new Launcher(registry).launch(quick(s).withLabels(Map.of("experiment", "exp-3", "team", "search"))
                .withOutputs(List.of(OutputSpec.parse("prometheus:port=" + port), OutputSpec.parse("scraper"))));
        assertThat(summary.exitCode()).isZero();
        assertThat(scraped).isNotEmpty();
        assertThat(scraped.get(scraped.size() - 1)).containsPattern(
                "barrage_requests_total\\{experiment=\"exp-3\",run_id=\"short-[0-9-]+\",scenario=\"short\",step=\"GET /items/\\{id}\",team=\"search\"} [1-9]");
    }

    @Test
    void aLabelThatClashesWithTheSeriesOwnIsRefusedBeforeTheScriptIsRead() {
        Launcher launcher = new Launcher();
        assertThatThrownBy(() -> launcher.load(quick(dir.resolve("missing.groovy")).withLabels(Map.of("scenario", "x"))))
                .isInstanceOfSatisfying(LaunchException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessage("label 'scenario' is one barrage's series use themselves: choose another name");
        assertThatThrownBy(() -> launcher.load(quick(dir.resolve("missing.groovy")).withLabels(Map.of("2team", "x"))))
                .isInstanceOf(LaunchException.class)
                .hasMessage("label '2team' is not a Prometheus label name (letters, digits and '_', not starting with a digit or '__')");
    }
}
