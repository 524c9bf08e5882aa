package io.barrage.engine.run;

import io.barrage.engine.output.Output;
import io.barrage.engine.output.RunStatus;
import io.barrage.engine.output.RunEvent;
import static io.barrage.engine.testing.Plans.holdRate;
import static io.barrage.engine.testing.Plans.holdUsers;
import static io.barrage.engine.testing.Plans.ms;
import static io.barrage.engine.testing.Plans.s;
import static io.barrage.engine.testing.Plans.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barrage.engine.metrics.ErrorKinds;
import io.barrage.engine.model.Assertion;
import io.barrage.engine.model.Guardrails;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.model.ThinkTime;
import io.barrage.engine.summary.RunSummary;
import io.barrage.engine.summary.ScenarioSummary;
import io.barrage.engine.testing.Await;
import io.barrage.engine.testing.Plans;
import io.barrage.engine.user.UserFlow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs on the real clock, short and slow enough that no assertion depends on speed. */
class RunTest {
    static final UserFlow ok = vu -> {
        long now = vu.clock().nanoTime();
        vu.step("GET /ok").record(vu.intendedStart(now), now, now + 1_000_000, null);
    };

    final List<RunEvent> events = new CopyOnWriteArrayList<>();
    final Output recorder = new Output() {
        @Override
        public void onEvent(RunEvent event) {
            events.add(event);
        }
    };

    RunOptions options() {
        return RunOptions.defaults().withTickInterval(ms(100)).withGracefulStop(s(2)).withProbe(GeneratorProbe.IDLE)
                .withOutputs(List.of(recorder));
    }

    static Assertion assertion(Assertion.Stat stat, Assertion.Op op, double limit, Assertion.Unit unit, String text) {
        return new Assertion(stat, null, op, limit, unit, null, null, text);
    }

    @Test
    void aRunThatMeetsItsAssertionsPasses() throws Exception {
        Plans.Bound sc = Plans.withAssertions(scenario("api", ok, holdRate("steady", 100, ms(500))),
                assertion(Assertion.Stat.P95, Assertion.Op.LT, 1000, Assertion.Unit.MILLIS, "p95 < 1s"),
                assertion(Assertion.Stat.ERROR_RATE, Assertion.Op.LT, 0.01, Assertion.Unit.FRACTION, "errorRate < 1%"));
        RunSummary summary = Run.start(Plans.plan("t", sc), options()).await();
        assertThat(summary.status()).isEqualTo("passed");
        assertThat(summary.exitCode()).isZero();
        assertThat(summary.schema()).isEqualTo("barrage.summary/1");
        assertThat(summary.assertions()).allSatisfy(a -> assertThat(a.passed()).isTrue());
        ScenarioSummary s = summary.scenario("api");
        assertThat(s.model()).isEqualTo("open");
        assertThat(s.total().requests()).isEqualTo(50);
        assertThat(s.iterations()).isEqualTo(50);
        assertThat(s.scheduled()).isEqualTo(50);
        assertThat(s.achieved()).isEqualTo(1.0);
        assertThat(s.steps()).extracting(st -> st.name()).containsExactly("GET /ok");
        assertThat(s.phases()).extracting(p -> p.name()).containsExactly("steady");
        assertThat(s.total().service().p50()).isEqualTo(1.0);
        assertThat(s.total().latency().p50()).isGreaterThanOrEqualTo(1.0);   // plus the schedule lag
        assertThat(s.timeline()).isNotEmpty();
        assertThat(events).extracting(RunEvent::message).contains("run started: t", "phase 'steady' began: hold 100 for 500ms");
        assertThat(events.get(events.size() - 1).message()).isEqualTo("run ended: passed");
    }

    @Test
    void aFailedAssertionFailsTheRunWithExitCode1() throws Exception {
        AtomicInteger n = new AtomicInteger();
        UserFlow halfBad = vu -> {
            long now = vu.clock().nanoTime();
            vu.step("GET /x").record(now, now, now, n.incrementAndGet() % 2 == 0 ? ErrorKinds.STATUS_5XX : null);
        };
        Plans.Bound sc = Plans.withAssertions(scenario("api", halfBad, holdRate("steady", 100, ms(300))),
                assertion(Assertion.Stat.ERROR_RATE, Assertion.Op.LT, 0.01, Assertion.Unit.FRACTION, "errorRate < 1%"));
        RunSummary summary = Run.start(Plans.plan("t", sc), options()).await();
        assertThat(summary.status()).isEqualTo("failed");
        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(summary.assertions().get(0).actual()).isEqualTo("50%");
        assertThat(summary.scenario("api").total().errorsByKind()).containsEntry("status_5xx", 15L);
        assertThat(summary.reason()).isEqualTo("1 of 1 assertions failed");
    }

    @Test
    void anAssertionOnAStepThatNeverRanFails() throws Exception {
        Plans.Bound sc = Plans.withAssertions(scenario("api", ok, holdRate("steady", 50, ms(200))),
                new Assertion(Assertion.Stat.P99, null, Assertion.Op.LT, 100, Assertion.Unit.MILLIS, "POST /cart", null, "p99('POST /cart') < 100ms"));
        RunSummary summary = Run.start(Plans.plan("t", sc), options()).await();
        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(summary.assertions().get(0).actual()).isEqualTo("n/a (step 'POST /cart' never ran)");
    }

    @Test
    void stoppingARunAbortsItAndStillSummarises() throws Exception {
        Run run = Run.start(Plans.plan("t", scenario("api", ok, holdRate("steady", 50, s(60)))), options());
        Await.until("load runs", () -> run.lastTick() != null);
        run.stop("stopped by test", "test");
        RunSummary summary = run.await();
        assertThat(summary.status()).isEqualTo("aborted");
        assertThat(summary.exitCode()).isEqualTo(3);
        assertThat(summary.reason()).isEqualTo("stopped by test");
        assertThat(summary.scenario("api").total().requests()).isPositive();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(RunEvent.TYPE_CONTROL);
            assertThat(e.origin()).isEqualTo("test");
            assertThat(e.message()).isEqualTo("stop: stopped by test");
        });
    }

    @Test
    void setupSharesItsResultWithUsersAndTeardown() throws Exception {
        List<Object> seen = new CopyOnWriteArrayList<>();
        UserFlow flow = vu -> {
            seen.add(vu.shared());
            vu.sleep(10_000_000);
        };
        Plans.Bound sc = Plans.withHooks(scenario("api", flow, holdUsers("steady", 2, ms(200))),
                vu -> Map.of("token", "abc"), vu -> seen.add("teardown saw " + vu.shared()));
        RunSummary summary = Run.start(Plans.plan("t", sc), options()).await();
        assertThat(summary.exitCode()).isZero();
        assertThat(seen).contains(Map.of("token", "abc"), "teardown saw {token=abc}");
        assertThat(seen.get(seen.size() - 1)).isEqualTo("teardown saw {token=abc}");
    }

    @Test
    void keepDataSkipsTeardownAndSaysSoAndAStoppedRunStillTearsDown() throws Exception {
        List<Object> seen = new CopyOnWriteArrayList<>();
        UserFlow flow = vu -> vu.sleep(10_000_000);
        Plans.Bound kept = Plans.withHooks(scenario("api", flow, holdUsers("steady", 1, ms(100))),
                vu -> "org-1", vu -> seen.add("teardown of " + vu.shared()));
        List<io.barrage.engine.output.RunEvent> events = new CopyOnWriteArrayList<>();
        io.barrage.engine.output.Output listening = new io.barrage.engine.output.Output() {
            @Override public void onEvent(io.barrage.engine.output.RunEvent e) { events.add(e); }
        };
        Run.start(Plans.plan("t", kept), options().withKeepData(true).withOutputs(List.of(listening))).await();
        assertThat(seen).isEmpty();
        assertThat(events).anyMatch(e -> e.message().equals("teardown skipped: what setup made is kept") && e.origin().equals("--keep-data"));

        // stopped (as Ctrl-C or a guardrail stops it): teardown runs
        Plans.Bound stopped = Plans.withHooks(scenario("api", flow, holdUsers("steady", 1, s(60))),
                vu -> "org-2", vu -> seen.add("teardown of " + vu.shared()));
        Run run = Run.start(Plans.plan("t", stopped), options());
        run.awaitReady();
        run.stop("stopped by a signal", "signal");
        assertThat(run.await().exitCode()).isEqualTo(3);
        assertThat(seen).containsExactly("teardown of org-2");
    }

    /** The plan of a scenario whose code is in this file: results name its lines as a script's. */
    static TestPlan planFromThisFile(Plans.Bound... scenarios) {
        return Plans.plan("t", Guardrails.NONE, Map.of("script", "src/test/java/io/barrage/engine/run/RunTest.java"), scenarios);
    }

    /** The line of the caller. */
    static int line() {
        return StackWalker.getInstance().walk(f -> f.skip(1).findFirst()).orElseThrow().getLineNumber();
    }

    @Test
    void aFailingSetupEndsTheRunWithExitCode4NamingItsLineAndNoLoad(@TempDir Path dir) throws Exception {
        AtomicInteger iterations = new AtomicInteger();
        int[] at = new int[1];
        Plans.Bound sc = Plans.withHooks(scenario("api", vu -> iterations.incrementAndGet(), holdRate("steady", 50, s(5))),
                vu -> {
                    at[0] = line(); throw new IllegalStateException("login refused");
                }, null);
        Run run = Run.start(planFromThisFile(sc), options().withResultsDir(dir));
        RunSummary summary = run.await();
        assertThat(summary.status()).isEqualTo("error");
        assertThat(summary.exitCode()).isEqualTo(4);
        assertThat(summary.reason()).isEqualTo("src/test/java/io/barrage/engine/run/RunTest.java:" + at[0]
                + ": setup of scenario 'api' failed: IllegalStateException: login refused");
        assertThat(iterations).hasValue(0);
        assertThat(summary.generator().scheduler()).isEqualTo("no load ran");
        // the interval log of a run with no load is a valid log with no intervals, not an empty file
        Path hlog = run.resultsDir().resolve("intervals.hlog");
        assertThat(Files.readString(hlog)).contains("#[StartTime: ", "#[BaseTime: ", "\"StartTimestamp\",\"Interval_Length\"");
        var reader = new org.HdrHistogram.HistogramLogReader(hlog.toFile());
        assertThat(reader.nextIntervalHistogram()).isNull();
        assertThat(reader.getStartTimeSec()).isPositive();
    }

    @Test
    void userCodeThatThrowsIsAFailedIterationNeverACallNorALatency() throws Exception {
        int[] at = new int[1];
        UserFlow callThenThrow = vu -> {
            long now = vu.clock().nanoTime();
            vu.step("GET /fast").record(vu.intendedStart(now), now, now + 1_000_000, null);
            vu.clock().sleepUntil(vu.clock().nanoTime() + 50_000_000L, () -> false);   // thinks, then throws
            at[0] = line(); throw new IllegalArgumentException("no such field");
        };
        Plans.Bound sc = Plans.withAssertions(scenario("api", callThenThrow, holdRate("steady", 50, ms(200))),
                assertion(Assertion.Stat.P99, Assertion.Op.LT, 40, Assertion.Unit.MILLIS, "p99 < 40.ms"));
        RunSummary summary = Run.start(planFromThisFile(sc), options()).await();
        ScenarioSummary s = summary.scenario("api");
        assertThat(s.iterations()).isEqualTo(10);
        assertThat(s.total().requests()).isEqualTo(10);                       // the calls, not the iterations too
        assertThat(s.total().errors()).isZero();
        assertThat(s.total().latency().max()).isLessThan(40.0);               // the 50 ms think is no one's latency
        assertThat(s.steps()).extracting(st -> st.name()).containsExactly("GET /fast");
        assertThat(summary.exitCode()).isZero();
        String where = "src/test/java/io/barrage/engine/run/RunTest.java:" + at[0];
        assertThat(s.iterationErrors().count()).isEqualTo(10);
        assertThat(s.iterationErrors().share()).isEqualTo(1.0);
        assertThat(s.iterationErrors().kinds()).containsExactly(
                new io.barrage.engine.metrics.IterationErrors.Entry("IllegalArgumentException", where, "no such field", 10));
        assertThat(s.phases().get(0).iterationErrors()).isEqualTo(10);
        assertThat(s.timeline().stream().mapToLong(p -> p.iterationErrors()).sum()).isEqualTo(10);
        assertThat(events).filteredOn(e -> e.type().equals(RunEvent.TYPE_WARNING))
                .extracting(RunEvent::message).contains(where + ": user code threw IllegalArgumentException: no such field");
        assertThat(events).filteredOn(e -> e.type().equals(RunEvent.TYPE_WARNING) && e.message().contains("user code threw"))
                .first().extracting(RunEvent::data)
                .isEqualTo(Map.of("kind", "IllegalArgumentException", "message", "no such field", "where", where));
    }

    @Test
    void failuresNoAssertionJudgesAreWarnedAndAnAssertionOnThemSilencesTheWarning() throws Exception {
        UserFlow halfThrow = vu -> {
            long now = vu.clock().nanoTime();
            vu.step("GET /x").record(vu.intendedStart(now), now, now + 1_000_000, vu.index() % 4 == 0 ? ErrorKinds.STATUS_5XX : null);
            if (vu.index() % 2 == 0) throw new IllegalStateException("boom");
        };
        RunSummary unjudged = Run.start(Plans.plan("t", scenario("api", halfThrow, holdRate("steady", 50, ms(200)))), options()).await();
        assertThat(unjudged.exitCode()).isZero();
        assertThat(unjudged.warnings()).contains(
                "scenario 'api': 3 of 10 calls failed (30%: status_5xx 3) and no assertion judges it: add errorRate < 1.percent to its assertions",
                "scenario 'api': 5 of 10 iterations failed in user code (50%; most often IllegalStateException) and no assertion judges it: add iterationErrors == 0 to its assertions");

        Plans.Bound judged = Plans.withAssertions(scenario("api", halfThrow, holdRate("steady", 50, ms(200))),
                assertion(Assertion.Stat.ERROR_RATE, Assertion.Op.LT, 0.5, Assertion.Unit.FRACTION, "errorRate < 50.percent"),
                assertion(Assertion.Stat.ITERATION_ERRORS, Assertion.Op.LT, 0.6, Assertion.Unit.FRACTION, "iterationErrors < 60.percent"));
        RunSummary summary = Run.start(Plans.plan("t", judged), options()).await();
        assertThat(summary.warnings()).noneMatch(w -> w.contains("no assertion judges it"));
        assertThat(summary.assertions()).extracting(a -> a.actual()).containsExactly("30%", "50%");
        assertThat(summary.exitCode()).isZero();
    }

    @Test
    void theOpenModelPreparesForItsFirstCallsBeforeTheLoadsClockStartsAndTheClosedModelDoesNot() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        io.barrage.engine.user.UserFactory preparing = new io.barrage.engine.user.UserFactory() {
            @Override
            public UserFlow create(io.barrage.engine.user.Vu vu) {
                return v -> seen.add("iteration");
            }

            @Override
            public void prepare(int concurrency, Duration within) {
                seen.add("prepare " + concurrency);
            }
        };
        Plans.Bound open = Plans.scenarioWith("open", preparing, holdRate("steady", 400, ms(100)));
        RunSummary summary = Run.start(Plans.plan("t", open), options()).await();
        assertThat(summary.exitCode()).isZero();
        // the arrivals of the first 25 ms at 400/s, shared among the carriers, before any iteration
        List<String> prepares = seen.stream().filter(e -> e.startsWith("prepare ")).toList();
        assertThat(prepares.stream().mapToInt(e -> Integer.parseInt(e.substring(8))).sum()).isEqualTo(10);
        assertThat(seen.subList(0, prepares.size())).isEqualTo(prepares);
        assertThat(seen.subList(prepares.size(), seen.size())).containsOnly("iteration").hasSize(40);

        seen.clear();
        Plans.Bound closed = Plans.scenarioWith("closed", preparing, holdUsers("steady", 2, ms(100)));
        Run.start(Plans.plan("t", closed), options()).await();
        assertThat(seen).isNotEmpty().containsOnly("iteration");   // a closed-model user keeps a connection of its own
    }

    @Test
    void theStopFileStopsTheRun(@TempDir Path dir) throws Exception {
        Path stop = dir.resolve("STOP");
        TestPlan plan = Plans.plan("t", new Guardrails(null, 0, 0, stop), Map.of(),
                scenario("api", ok, holdRate("steady", 20, s(60))));
        Run run = Run.start(plan, options());
        Await.until("load runs", () -> run.lastTick() != null);
        Files.createFile(stop);
        RunSummary summary = run.await();
        assertThat(summary.exitCode()).isEqualTo(3);
        assertThat(summary.reason()).isEqualTo("stop file " + stop + " appeared");
    }

    @Test
    void maxDurationStopsTheRun() throws Exception {
        TestPlan plan = Plans.plan("t", new Guardrails(ms(300), 0, 0, null), Map.of(),
                scenario("api", ok, holdRate("steady", 20, s(60))));
        RunSummary summary = Run.start(plan, options()).await();
        assertThat(summary.exitCode()).isEqualTo(3);
        assertThat(summary.reason()).isEqualTo("guardrail maxDuration 300ms reached");
    }

    @Test
    void aScenariosOwnGuardrailsCapThatScenarioAlone() throws Exception {
        Plans.Bound capped = Plans.withGuardrails(scenario("capped", ok, holdRate("steady", 20, s(60))), new Guardrails(null, 30, 0, null));
        Plans.Bound free = scenario("free", ok, holdRate("steady", 20, s(60)));
        Run run = Run.start(Plans.plan("t", capped, free), options());
        Await.until("load runs", () -> "running".equals(run.state()));
        try {
            assertThatThrownBy(() -> run.setRate("capped", 50, "test")).hasMessage("rate 50/s is above the guardrail maxRate 30/s");
            assertThatThrownBy(() -> run.setRate(null, 50, "test")).hasMessage("rate 50/s is above the guardrail maxRate 30/s");
            run.setRate("free", 50, "test");
            run.setRate("capped", 25, "test");
            run.scaleLoad("capped", 10, "test");
            Await.until("the cap is applied", () -> events.stream().anyMatch(e -> e.type().equals(RunEvent.TYPE_GUARDRAIL)));
            assertThat(run.status().scenarios()).extracting(RunStatus.ScenarioStatus::target).containsExactly(30.0, 50.0);
        } finally {
            run.stop(null, "test");
            run.await();
        }
        assertThat(events).filteredOn(e -> e.type().equals(RunEvent.TYPE_GUARDRAIL)).extracting(RunEvent::scenario, RunEvent::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("capped", "load capped at maxRate 30/s"));
    }

    @Test
    void controlCommandsCheckTheirArguments() throws Exception {
        Plans.Bound open = scenario("open", ok, holdRate("steady", 20, s(60)));
        Plans.Bound closed = Plans.withPacing(scenario("closed", ok, holdUsers("steady", 2, s(60))), ThinkTime.constant(ms(100)));
        Run run = Run.start(Plans.plan("t", open, closed), options());
        Await.until("load runs", () -> "running".equals(run.state()));
        try {
            assertThatThrownBy(() -> run.setRate("closed", 10, "test")).hasMessage(
                    "scenario 'closed' uses users, not rate: use 'users N' instead");
            assertThatThrownBy(() -> run.setRate("nope", 10, "test")).hasMessage(
                    "no scenario named 'nope' (scenarios: open, closed)");
            assertThatThrownBy(() -> run.setRate(null, -1, "test")).hasMessage("rate must be a number ≥ 0, got -1.0");
            assertThatThrownBy(() -> run.setUsers(null, -3, "test")).hasMessage("users must be ≥ 0, got -3");
            assertThatThrownBy(() -> run.extendPhase(null, Duration.ZERO, "test")).hasMessage("extend needs a duration > 0");
            run.setRate(null, 40, "test");
            run.setUsers(null, 3, "test");
            RunStatus status = run.status();
            assertThat(status.state()).isEqualTo("running");
            assertThat(status.scenarios()).extracting(RunStatus.ScenarioStatus::phase).containsExactly("steady", "steady");
        } finally {
            run.stop(null, "test");
            run.await();
        }
        assertThat(events).filteredOn(e -> e.type().equals(RunEvent.TYPE_CONTROL)).extracting(RunEvent::message)
                .containsExactly("rate set to 40/s for the rest of phase 'steady'",
                        "users set to 3 users for the rest of phase 'steady'", "stop: stopped by test");
    }

    @Test
    void anInvalidPlanIsRefusedWithEveryProblem() {
        Plans.Bound bad = scenario("api", ok, holdRate("steady", -5, Duration.ZERO));
        assertThatThrownBy(() -> Run.start(Plans.plan("t", bad), options()))
                .hasMessage("invalid plan: scenario 'api' › phase 'steady': rate must be ≥ 0, got -5; "
                        + "scenario 'api' › phase 'steady': for must be > 0, got 0s");
    }
}
