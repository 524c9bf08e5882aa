package io.barrage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.control.ControlServer;
import io.barrage.engine.run.Run;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.output.Output;
import io.barrage.engine.run.RunOptions;
import io.barrage.engine.summary.RunSummary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REPL on a plain dumb terminal (as in CI logs), steering a run of its own and, attached, one of another "process". */
class ReplTest {
    @TempDir Path dir;

    static final String SCRIPT = """
            sim { latency 1.ms }
            scenario('steady') {
                user { http.get('/items/3') }
                phases { hold 'one', rate: 40, for: 30.s; hold 'two', rate: 20, for: 30.s }
                assertions { errorRate < 1.percent }
            }
            """;

    record Console(Repl repl, ByteArrayOutputStream bytes) {
        String out() {
            repl.flush();
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** Types a line (Groovy in Groovy mode) and returns what it printed. */
        String accept(String line) {
            int before = out().length();
            repl.accept(line);
            return out().substring(before);
        }

        /** Runs a line and returns what it printed. */
        String run(String line) {
            int before = out().length();
            repl.execute(line);
            return out().substring(before);
        }
    }

    Console console(String input, Steering attached) throws Exception {
        return console(input, attached, Map.of(), null);
    }

    /** A console as {@code barrage repl [SCRIPT] -p …} opens it. */
    Console console(String input, Steering attached, Map<String, String> params, Path script) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DumbTerminal t = new DumbTerminal(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), bytes);
        return new Console(new Repl(t, attached, params, dir.resolve("history")).resultsDir(dir.resolve("results")).commandLineScript(script), bytes);
    }

    @Test
    void loadTakesOnlyTheParametersAScriptNames() throws Exception {
        Path script = dir.resolve("p.groovy");
        Files.writeString(script, "int rate = param('rate', 40)\n" + SCRIPT.replace("rate: 40", "rate: rate"));
        Console c = console("", null);
        assertThat(c.run("load " + script + " -p rat=5")).isEqualTo("error: -p rat=5: " + script + " has no parameter 'rat'; did you mean 'rate'? (its parameters: rate)\n");
        assertThat(c.run("load " + script + " -p rate")).isEqualTo("error: -p rate: a parameter is NAME=VALUE\n");
        assertThat(c.run("load " + script + " -p rate=99999999999")).isEqualTo("error: -p rate=99999999999: rate is a whole number (from param('rate', 40) at "
                + script + ":1) and 99999999999 is out of range (at most 2147483647)\n");
        // barrage repl SCRIPT -p rat=5: the -p are for that script; for another one loaded later, defaults it may leave out
        Console strict = console("", null, Map.of("rat", "5"), script);
        assertThat(strict.run("load " + script)).isEqualTo("error: -p rat=5: " + script + " has no parameter 'rat'; did you mean 'rate'? (its parameters: rate)\n");
        Path other = dir.resolve("other.groovy");
        Files.writeString(other, SCRIPT);
        assertThat(strict.run("load " + other)).startsWith("! -p rat=5 (barrage repl's command line) is not read by " + other + "\nloaded " + other);
    }

    @Test
    void startRefusesAResultsDirectoryThatIsAFileBeforeAnythingRuns() throws Exception {
        Path script = dir.resolve("steady.groovy");
        Files.writeString(script, SCRIPT);
        Path file = Files.writeString(dir.resolve("results-file"), "x");
        Console c = console("", null);
        c.repl().resultsDir(file);
        assertThat(c.run("load " + script)).startsWith("loaded " + script);
        assertThat(c.run("start")).isEqualTo("error: the results directory " + file + ": it is a file, not a directory\n");
        assertThat(c.repl().run()).isNull();
    }

    static void awaitRunning(Run run) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!"running".equals(run.state()) && System.nanoTime() < deadline) Thread.sleep(10);
        while (run.summarySoFar() == null && System.nanoTime() < deadline) Thread.sleep(10);
    }

    static void awaitTarget(Run run, double target) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (run.status().scenarios().get(0).target() != target && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(run.status().scenarios().get(0).target()).isEqualTo(target);
    }

    @Test
    void aNewCommandIsOneClassPlusItsRegistration() throws Exception {
        Path script = dir.resolve("steady.groovy");
        Files.writeString(script, SCRIPT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DumbTerminal t = new DumbTerminal(new ByteArrayInputStream(new byte[0]), bytes);
        Console c = new Console(new Repl(t, null, Map.of(), dir.resolve("history"), List.of(TargetsCommand.class))
                .resultsDir(dir.resolve("results")), bytes);
        assertThat(c.run("help")).contains("targets").contains("Each scenario's target now and over the last second.");
        assertThat(c.run("targts")).contains("did you mean 'targets'?");
        c.run("load " + script);
        c.run("start");
        Run run = c.repl().run();
        try {
            awaitRunning(run);
            assertThat(c.run("targets")).isEqualTo("target steady 40\n");
            assertThat(c.run("rate 55")).contains("ok: rate");
            awaitTarget(run, 55);
            assertThat(c.run("targets steady")).isEqualTo("target steady 55\n");
            assertThat(c.run("targets other")).isEmpty();
        } finally {
            c.run("stop");
            run.await();
        }
    }

    @Test
    void loadStartSteerAndStopATestFromTheRepl() throws Exception {
        Path script = dir.resolve("steady.groovy");
        Files.writeString(script, SCRIPT);
        Console c = console("", null);
        assertThat(c.run("status")).isEqualTo("error: no test yet: load SCRIPT, then start\n");
        assertThat(c.run("load " + script)).startsWith("loaded " + script + ": steady (2 phases, 1m)");
        assertThat(c.run("start")).contains("started steady");
        Run run = c.repl().run();
        awaitRunning(run);
        assertThat(c.run("status")).contains("steady · running").contains("one 1/2").contains("40/s");
        assertThat(c.run("rate 60")).contains("ok: rate (rate 60.0)");
        awaitTarget(run, 60);
        assertThat(c.run("rate x1.5")).contains("ok: rate (rates {\"steady\":90.0})");
        assertThat(c.run("rate fast")).contains("error: rate takes a number (rate 300) or a factor (rate x1.5), not 'fast'");
        assertThat(c.run("users 10")).contains("error: 'users' applies to users: scenarios, and this run has none");
        assertThat(c.run("pause")).contains("ok: pause (paused true)");
        assertThat(run.status().paused()).isTrue();
        assertThat(c.run("resume")).contains("ok: resume (resumed true)");
        assertThat(c.run("phase extend 10s")).contains("ok: phase (extendedBy 10s, action extend)");
        assertThat(c.run("phase next")).contains("ok: phase (action next)");
        assertThat(run.status().scenarios().get(0).phase()).isEqualTo("two");
        assertThat(c.run("fault down b1")).contains("ok: fault (on down b1, target sim)");
        assertThat(c.run("fault slow all 20ms")).contains("ok: fault (on slow all backends +20ms, target sim)");
        assertThat(c.run("fault down b7")).contains("error: no backend 'b7'; the backends are b1");
        assertThat(c.run("fault clear")).contains("ok: clear (cleared 2, target sim)");
        assertThat(c.run("rte 5")).contains("error: 'rte' is not a command; did you mean 'rate'?");
        assertThat(c.run("phase sideways")).contains("error: phase needs \"action\": \"next\" or \"extend\"");
        assertThat(c.run("groovy")).contains("Groovy mode");
        assertThat(c.run("stop")).contains("ok: stop (stopping true)");
        RunSummary s = run.await();
        assertThat(s.reason()).isEqualTo("stopped from the REPL");
        assertThat(c.run("summary")).contains("scenario steady — open model").contains("ABORTED");
        List<String> events = new ArrayList<>();
        for (String line : Files.readAllLines(run.resultsDir().resolve("events.jsonl"))) if (line.contains("\"control\"")) events.add(line);
        assertThat(events).hasSize(7).allSatisfy(e -> assertThat(e).contains("\"origin\":\"repl\""));
        List<String> sim = new ArrayList<>();
        for (String line : Files.readAllLines(run.resultsDir().resolve("events.jsonl"))) if (line.contains("\"type\":\"sim\"")) sim.add(line);
        assertThat(sim).hasSize(4).first().asString().contains("fault on: down b1 (repl)");
    }

    @Test
    void aSecondStartRunsTheScriptWithTheParametersItWasLoadedWith() throws Exception {
        Path script = dir.resolve("p.groovy");
        Files.writeString(script, "int rate = param('rate', 40)\n" + SCRIPT.replace("rate: 40", "rate: rate"));
        Console c = console("", null);
        assertThat(c.run("load " + script + " -p rate=7")).startsWith("loaded " + script);
        for (int i = 0; i < 2; i++) {
            assertThat(c.run("start")).contains("started steady");
            Run run = c.repl().run();
            awaitRunning(run);
            assertThat(run.status().scenarios().get(0).target()).isEqualTo(7);
            c.run("stop");
            run.await();
        }
    }

    @Test
    void groovyModeEvaluatesWithTheTestBoundAndWaitsForOpenBrackets() throws Exception {
        Path script = dir.resolve("steady.groovy");
        Files.writeString(script, SCRIPT);
        Console c = console("", null);
        c.run("load " + script);
        c.run("start");
        Run run = c.repl().run();
        awaitRunning(run);
        assertThat(c.run("groovy")).contains("Groovy mode");
        assertThat(c.accept("run.state")).isEqualTo("=> running\n");
        assertThat(c.accept("run.scenarios")).isEqualTo("=> [steady]\n");
        assertThat(c.accept("[1, 2,")).isEmpty();
        assertThat(c.accept("  3].sum()")).isEqualTo("=> 6\n");
        assertThat(c.accept("def x = 21")).isEqualTo("=> 21\n");
        assertThat(c.accept("x * 2")).isEqualTo("=> 42\n");
        assertThat(c.accept("run.metrics.p99('GET /items/{id}') > 0")).isEqualTo("=> true\n");
        assertThat(c.accept("run.metrics.p99('GET /nope')")).isEqualTo("error: IllegalArgumentException: no step 'GET /nope' (steps: GET /items/{id})\n");
        assertThat(c.accept("run.nothing")).startsWith("error: MissingPropertyException: No such property: nothing for class: io.barrage.cli.RunView");
        assertThat(c.accept("run.rate(50)")).endsWith("=> ok: rate (rate 50.0)\n");
        assertThat(c.accept("1 +")).isEmpty();
        assertThat(c.accept(":exit")).isEqualTo("command mode\n");
        assertThat(c.run("stop")).contains("ok: stop");
        assertThat(run.await().status()).isEqualTo("aborted");
    }

    @Test
    void leavingAsksBeforeStoppingARunningTestAndEndOfInputStopsIt() throws Exception {
        Path script = dir.resolve("steady.groovy");
        Files.writeString(script, SCRIPT);
        Console c = console("load " + script + "\nstart\nquit\nn\n", null);
        c.repl().loop();            // quit → "n": stays; then the input ends (Ctrl-D): asked again, and with no more input, stops
        Run run = c.repl().run();
        assertThat(c.out()).contains("a test is running: stop it and leave? [y/N] staying: the test goes on")
                .contains("input ended: stopping the test");
        assertThat(run.await().reason()).isEqualTo("the REPL was left");
    }

    @Test
    void attachSteersATestOfAnotherProcessThroughItsControlApi() throws Exception {
        Path script = dir.resolve("steady.groovy");
        Files.writeString(script, SCRIPT);
        io.barrage.launch.LoadedLaunch loaded = new io.barrage.launch.Launcher().load(io.barrage.launch.LaunchOptions.of(script));
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        Run run = Run.start(loaded.plan(), RunOptions.defaults().withOutputs(List.of(new Output() {
            @Override
            public void onEvent(RunEvent e) {
                if (e.type().equals(RunEvent.TYPE_CONTROL)) events.add(e);
            }
        })));
        String token = ControlServer.newToken();
        try (ControlServer api = ControlServer.start(run, "127.0.0.1", 0, token, false)) {
            awaitRunning(run);
            Console c = console("", Steering.remote(api.url(), token));
            assertThat(c.run("status")).contains("steady · running").contains("one 1/2");
            assertThat(c.run("rate 55")).contains("ok: rate (rate 55.0)");
            assertThat(c.run("pause")).contains("ok: pause (paused true)");
            assertThat(c.run("resume")).contains("ok: resume");
            assertThat(c.run("load x.groovy")).contains("error: attached to " + api.url() + ": load and start belong to a REPL of its own");
            assertThat(c.run("summary")).contains("scenario steady — open model");
            assertThat(c.run("rate -1")).contains("error: rate must be a number ≥ 0, got -1.0");
            assertThat(c.run("rate x2")).contains("ok: rate (rates {\"steady\":110.0})");
            assertThat(c.run("users 10")).contains("error: 'users' applies to users: scenarios, and this run has none");
            assertThat(c.run("phase extend 10s")).contains("ok: phase (extendedBy 10s, action extend)");
            assertThat(c.run("fault down b7")).contains("error: no backend 'b7'; the backends are b1");
            assertThat(c.run("groovy")).contains("Groovy mode");
            assertThat(c.accept("run.state")).isEqualTo("=> running\n");
            assertThat(c.accept(":exit")).isEqualTo("command mode\n");
            assertThat(c.run("stop")).contains("ok: stop");
            assertThat(run.await().reason()).isEqualTo("stopped from the REPL");
            assertThat(events).extracting(RunEvent::origin).containsOnly("attach via api 127.0.0.1");
            assertThat(events).extracting(RunEvent::message).first().isEqualTo("rate set to 55/s for the rest of phase 'one'");
            assertThat(events).extracting(RunEvent::message).contains("rate set to 110/s for the rest of phase 'one'", "phase 'one' extended by 10s");
        }
        Console wrongToken = console("", Steering.remote("http://127.0.0.1:9", "x".repeat(20)));
        assertThat(wrongToken.run("status")).startsWith("error: cannot reach http://127.0.0.1:9");
    }
}
