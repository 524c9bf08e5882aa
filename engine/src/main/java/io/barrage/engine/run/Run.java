package io.barrage.engine.run;

import io.barrage.engine.model.Target;

import io.barrage.engine.output.Output;
import io.barrage.engine.output.RunView;
import io.barrage.engine.output.RunStatus;
import io.barrage.engine.output.RunEvent;
import static io.barrage.engine.summary.TimelinePoint.ms;
import static io.barrage.engine.summary.TimelinePoint.round2;

import io.barrage.engine.metrics.Meters;
import io.barrage.engine.metrics.MetricsReporter;
import io.barrage.engine.metrics.ScenarioMetrics;
import io.barrage.engine.metrics.ScenarioTick;
import io.barrage.engine.metrics.Tick;
import io.barrage.engine.format.Durations;
import io.barrage.engine.model.FaultTarget;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.model.Phase;
import io.barrage.engine.validation.Problem;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.results.ResultsWriter;
import io.barrage.engine.summary.AssertionResult;
import io.barrage.engine.summary.RunSummary;
import io.barrage.engine.summary.ScenarioSummary;
import io.barrage.engine.summary.SummaryBuilder;
import io.barrage.engine.summary.TimelinePoint;
import io.barrage.engine.time.Clock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of a test plan: setup, the scenarios side by side, the reporter tick, guardrails,
 * teardown, the summary and the exit code. Started with {@link #start}; steered through
 * {@link RunControl}; {@link #await()} returns the final summary.
 */
public final class Run implements RunControl, Events {
    private final TestPlan plan;
    private final RunOptions options;
    private final Clock clock;
    private final List<ScenarioRunner> runners = new ArrayList<>();
    private final List<ScenarioMetrics> metrics = new ArrayList<>();
    private final List<Output> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, List<TimelinePoint>> timelines = new LinkedHashMap<>();
    private final Map<String, long[]> totals = new LinkedHashMap<>();
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final GeneratorMonitor monitor;
    private final CountDownLatch done = new CountDownLatch(1);
    private final CountDownLatch ready = new CountDownLatch(1);
    /** When the load starts: {@link #NOT_YET} until {@link #startAt}/{@link #start()}, {@link #NOW}, or a wall time. */
    private volatile long goAtEpochMillis = NOT_YET;
    private static final long NOT_YET = Long.MIN_VALUE;
    private static final long NOW = Long.MIN_VALUE + 1;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final long startedEpochMillis;
    private final ResultsWriter results;
    private volatile String state = "created";
    private volatile long loadStart = Long.MIN_VALUE;
    private volatile long loadStartEpochMillis;
    private volatile boolean loadDone;
    private volatile boolean eventsClosed;
    private volatile Tick lastTick;
    private volatile List<io.barrage.engine.metrics.MeterValue> lastMeters = List.of();
    private volatile RunSummary summary;
    private volatile RunSummary partial;
    private volatile String abortReason;
    private volatile String errorReason;
    private MetricsReporter reporter;
    private final TickChecks checks;
    private volatile LoadCarriers carriers = LoadCarriers.none();
    /** The run's labels: run_id first, then those of the options. */
    private final Map<String, String> labels;
    /** What outputs see of this run: never the run itself. */
    private final RunView view = new View();
    /** The run's named counters and gauges (queue depth, proxy state...), read at each interval. */
    private final Meters meters = new Meters();

    private Run(TestPlan plan, RunOptions options) throws IOException {
        this.plan = plan;
        this.options = options;
        this.clock = options.clock();
        this.startedEpochMillis = clock.epochMillis();
        this.monitor = new GeneratorMonitor(options.probe());
        for (Scenario sc : plan.scenarios()) {
            ScenarioMetrics m = new ScenarioMetrics(sc.name(), sc.model(), sc.phases().stream().map(Phase::name).toList(), sc.analyses());
            metrics.add(m);
            runners.add(sc.model() == LoadModel.OPEN
                    ? new OpenExecutor(sc, plan.codeOf(sc), m, clock, options.segment(), plan.guardrailsOf(sc), this)
                    : new ClosedExecutor(sc, plan.codeOf(sc), m, clock, options.segment(), plan.guardrailsOf(sc), this));
            runners.get(runners.size() - 1).script = plan.info().get("script");
            timelines.put(sc.name(), new ArrayList<>());
            totals.put(sc.name(), new long[4]);
        }
        long maxIterations = plan.guardrails().maxIterations();
        if (maxIterations > 0) {
            IterationBudget budget = new IterationBudget(maxIterations, options.segment(), null, this);
            for (ScenarioRunner r : runners) r.runBudget = budget;
        }
        this.checks = new TickChecks(plan, monitor, this, this::stop, stopRequested::get);
        this.results = options.resultsDir() == null ? null : ResultsWriter.open(options.resultsDir(), plan.name());
        if (results != null) listeners.add(results);
        listeners.addAll(options.outputs());
        for (AutoCloseable r : plan.resources()) if (r instanceof Output o) listeners.add(o);
        Map<String, String> l = new LinkedHashMap<>();
        l.put("run_id", runId(plan.name()));
        l.putAll(options.labels());
        this.labels = Collections.unmodifiableMap(l);
    }

    /**
     * Validates the plan and starts it on its own thread: {@link #prepare} and {@link #start()} at once.
     *
     * @throws IllegalArgumentException listing every problem if the plan is not valid
     * @throws IOException if the results directory cannot be created
     */
    public static Run start(TestPlan plan, RunOptions options) throws IOException {
        Run run = create(plan, options);
        run.goAtEpochMillis = NOW;
        run.launch();
        return run;
    }

    /**
     * Validates the plan and prepares it on its own thread, up to the instant before the load:
     * resources started, setup run, connections for the first arrivals opened. Then the run is
     * {@linkplain #awaitReady() ready} and waits for {@link #start()} or {@link #startAt(Instant)}
     * (how a coordinator starts several workers together), or a stop.
     *
     * @throws IllegalArgumentException listing every problem if the plan is not valid
     * @throws IOException if the results directory cannot be created
     */
    public static Run prepare(TestPlan plan, RunOptions options) throws IOException {
        Run run = create(plan, options);
        run.launch();
        return run;
    }

    private static Run create(TestPlan plan, RunOptions options) throws IOException {
        List<Problem> problems = plan.validate();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid plan: " + String.join("; ", problems.stream().map(Problem::toString).toList()));
        }
        return new Run(plan, options);
    }

    private void launch() {
        Thread t = new Thread(this::main, "barrage-run");
        t.setDaemon(false);
        t.start();
        runThread = t;
    }

    private volatile Thread runThread;

    /**
     * Waits until the run is ready to start its load (state {@code ready}), or has ended without
     * (a failed setup, a stop): then {@link #finished()} tells which.
     */
    public void awaitReady() throws InterruptedException {
        ready.await();
    }

    /** Starts the load of a {@linkplain #prepare prepared} run now (once ready, if it is not yet). */
    public void start() {
        go(NOW);
    }

    /**
     * Starts the load of a {@linkplain #prepare prepared} run at a wall-clock instant (at once if
     * it has passed): N workers given the same instant start together, to the precision of their
     * clocks.
     */
    public void startAt(Instant at) {
        go(at.toEpochMilli());
    }

    private void go(long when) {
        if (goAtEpochMillis != NOT_YET) throw new IllegalStateException("the run was started already");
        goAtEpochMillis = when;
        Thread t = runThread;
        if (t != null) clock.wake(t);
    }

    /** Waits for the go, then for its instant; false if stopped first. */
    private boolean awaitGo() throws InterruptedException {
        while (goAtEpochMillis == NOT_YET) {
            if (!clock.sleepUntil(clock.nanoTime() + 50_000_000L, () -> goAtEpochMillis != NOT_YET || stopRequested.get())
                    && stopRequested.get()) return false;
        }
        long at = goAtEpochMillis;
        if (at != NOW) {
            long wait = at - clock.epochMillis();
            if (wait > 0 && !clock.sleepUntil(clock.nanoTime() + wait * 1_000_000L, stopRequested::get)) return false;
        }
        return !stopRequested.get();
    }

    /** Waits for the end of the run and returns its summary. */
    public RunSummary await() throws InterruptedException {
        done.await();
        return summary;
    }

    /** Waits at most {@code timeout}; returns the summary or null if the run is still going. */
    public RunSummary await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS) ? summary : null;
    }

    /**
     * The summary as of the last interval (status {@code running}, assertions judged on the numbers
     * so far), or the final one once the run ended; null before the first interval.
     */
    public RunSummary summarySoFar() {
        RunSummary s = summary;
        return s != null ? s : partial;
    }

    public boolean finished() {
        return done.getCount() == 0;
    }

    public TestPlan plan() { return plan; }
    public RunOptions options() { return options; }
    public String state() { return state; }
    public Tick lastTick() { return lastTick; }

    /** Wall time at which the load started (0 before). */
    public long loadStartEpochMillis() { return loadStartEpochMillis; }

    /** The results directory's name, else the plan's name and the time the run was made. */
    private String runId(String planName) {
        Path dir = resultsDir0();
        if (dir != null) return dir.getFileName().toString();
        return planName.replaceAll("[^A-Za-z0-9._-]+", "-") + "-"
                + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(
                        java.time.LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(startedEpochMillis), java.time.ZoneId.systemDefault()));
    }

    /**
     * The run's results directory ({@code …/<name>-<time>/}): that of {@link RunOptions#resultsDir},
     * else of the first {@link ResultsWriter} among its outputs; null if it writes none.
     */
    public Path resultsDir() {
        return resultsDir0();
    }

    private Path resultsDir0() {
        if (results != null) return results.dir();
        for (Output o : options.outputs()) if (o instanceof ResultsWriter w) return w.dir();
        return null;
    }

    public void addListener(Output l) {
        listeners.add(l);
    }

    public void removeListener(Output l) {
        listeners.remove(l);
    }

    // ---- the run thread

    private void main() {
        try {
            emit(RunEvent.TYPE_RUN, null, "plan", "run started: " + plan.name(), Map.of("segment", options.segment().toString()));
            state = "setup";
            errorReason = Hooks.startResources(plan, this);
            if (errorReason == null) {
                for (AutoCloseable r : plan.resources()) if (r instanceof Target t) t.watch(this::targetLost);
                errorReason = Hooks.run(runners, true, clock, this, warnings);
            }
            if (errorReason == null && !stopRequested.get()) {
                runLoad();
            }
            state = "teardown";
            if (errorReason == null && options.keepData()) {
                boolean any = false;
                for (ScenarioRunner r : runners) any |= r.code.teardown() != null;
                if (any) emit(RunEvent.TYPE_CONTROL, null, "--keep-data", "teardown skipped: what setup made is kept", Map.of("command", "keep-data"));
            } else if (errorReason == null) {
                Hooks.run(runners, false, clock, this, warnings);
            }
            if (errorReason == null) errorReason = lostReason;
            finish();
        } catch (Throwable t) {
            errorReason = "internal error: " + ScenarioRunner.describe(t);
            try {
                finish();
            } catch (Throwable again) {
                errorReason += "; then " + ScenarioRunner.describe(again);
            }
        } finally {
            for (int i = plan.resources().size() - 1; i >= 0; i--) {
                try {
                    plan.resources().get(i).close();
                } catch (Exception e) {
                    warnings.add("closing " + plan.resources().get(i) + " failed: " + ScenarioRunner.describe(e));
                }
            }
            state = "finished";
            ready.countDown();
            done.countDown();
        }
    }

    private void runLoad() throws InterruptedException {
        carriers = LoadCarriers.start(options, clock, problem -> warn(null, problem));
        try {
            carriers.prepare(runners, stopRequested::get);
            state = "ready";
            ready.countDown();
            if (!awaitGo()) {
                carriers.close();
                return;
            }
        } catch (InterruptedException | RuntimeException e) {
            carriers.close();
            throw e;
        }
        long start = clock.nanoTime();
        reporter = new MetricsReporter(metrics, meters, start);
        monitor.loadStarted();
        loadStart = start;
        loadStartEpochMillis = clock.epochMillis();
        for (Output l : listeners) safely(l, () -> l.onStart(view));
        emit(RunEvent.TYPE_RUN, null, "plan", "load started", Map.of());
        for (ScenarioRunner r : runners) r.begin(start);
        state = "running";
        Thread reporterThread = new Thread(() -> reportLoop(start), "barrage-reporter");
        reporterThread.setDaemon(true);
        reporterThread.start();
        List<Thread> threads = new ArrayList<>();
        try (LoadCarriers c = carriers) {
            for (int i = 0; i < runners.size(); i++) {
                ScenarioRunner r = runners.get(i);
                r.loops = c.loops();
                Thread t = c.scenarioThread(i, "barrage-" + r.scenario.name(), () -> runScenario(r, start));
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) t.join();
        }
        loadDone = true;
        clock.wake(reporterThread);
        reporterThread.join();
        long end = clock.nanoTime();
        tick(end, true);
        emit(RunEvent.TYPE_RUN, null, "plan", "load ended after " + Durations.format(Duration.ofNanos(end - start)), Map.of());
    }

    private void runScenario(ScenarioRunner r, long start) {
        try {
            r.runLoad(start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            errorReason = "scenario '" + r.scenario.name() + "' failed: " + ScenarioRunner.describe(t);
            r.stop();
        }
        if (r.busy() > 0) {
            emit(RunEvent.TYPE_RUN, r.scenario.name(), "plan", "waiting up to " + Durations.format(options.gracefulStop())
                    + " for " + r.busy() + " in-flight " + (r.scenario.model() == LoadModel.OPEN ? "iterations" : "users"), Map.of());
        }
        long deadline = clock.nanoTime() + options.gracefulStop().toNanos();
        drain(r, deadline);
        if (r.busy() > 0) {
            int left = r.busy();
            r.hardStop();
            warn(r.scenario.name(), left + " iterations of scenario '" + r.scenario.name() + "' were still running after the grace period ("
                    + Durations.format(options.gracefulStop()) + ") and were interrupted");
            drain(r, clock.nanoTime() + 2_000_000_000L);
        }
        r.metrics.endSlot(clock.nanoTime());
    }

    /** A warning of the run's, in its summary and its events. */
    private void warn(String scenario, String message) {
        warnings.add(message);
        emit(RunEvent.TYPE_WARNING, scenario, "plan", message, Map.of());
    }

    private void drain(ScenarioRunner r, long deadline) {
        try {
            while (r.busy() > 0 && clock.nanoTime() < deadline) {
                clock.sleepUntil(Math.min(clock.nanoTime() + ScenarioRunner.SLICE_NANOS, deadline), () -> r.busy() == 0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void reportLoop(long start) {
        io.barrage.engine.loop.EventLoops.background();   // its once-a-second work must not preempt the load
        long interval = options.tickInterval().toNanos();
        long next = start + interval;
        try {
            while (!loadDone) {
                if (!clock.sleepUntil(next, () -> loadDone)) break;
                long now = clock.nanoTime();
                tick(now, false);
                next += interval;
                if (next <= now) next = now + interval;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            errorReason = "reporter failed: " + ScenarioRunner.describe(t);
            stop("reporter failed", "plan");
        }
    }

    private List<io.barrage.engine.analysis.Analysis> analysesOf(String scenario) {
        for (ScenarioMetrics m : metrics) if (m.name().equals(scenario)) return m.analyses();
        return List.of();
    }

    private void tick(long now, boolean last) {
        Tick t = reporter.tick(now, clock.epochMillis(), last);
        lastTick = t;
        lastMeters = t.meters();
        double elapsed = Math.round((now - loadStart) / 1e7) / 100.0;
        for (ScenarioTick s : t.scenarios()) {
            timelines.get(s.scenario()).add(TimelinePoint.of(s, elapsed, analysesOf(s.scenario())));
            long[] tot = totals.get(s.scenario());
            tot[0] += s.requests();
            tot[1] += s.errors();
            tot[2] += s.dropped();
            tot[3] += s.failedIterations();
        }
        checks.check(t, now, loadStart);
        // the summary so far first: outputs that keep one (summary.json) read it from their view
        partial = buildSummary(now, Verdict.RUNNING, judge(now));
        for (Output l : listeners) safely(l, () -> l.onInterval(t));
    }

    private void finish() {
        long now = clock.nanoTime();
        if (reporter != null && loadDone) {
            // Teardown calls: fold them into the totals without a console tick.
            lastMeters = reporter.tick(now, clock.epochMillis()).meters();
        }
        List<AssertionResult> verdicts = reporter == null ? List.of() : judge(now);
        Verdict v = Verdict.of(errorReason, abortReason, verdicts);
        RunSummary s = buildSummary(now, v, verdicts);
        summary = s;
        emit(RunEvent.TYPE_RUN, null, "plan", "run ended: " + v.status() + (v.reason() == null ? "" : " (" + v.reason() + ")"),
                Map.of("status", v.status(), "exitCode", v.exitCode()));
        eventsClosed = true;   // the record ends with "run ended": an output's late event has nowhere to go
        for (Output l : listeners) safely(l, () -> l.onEnd(s));
    }

    /** Every scenario's assertions, judged on the numbers as of {@code now}. */
    private List<AssertionResult> judge(long now) {
        List<AssertionResult> out = new ArrayList<>();
        for (int i = 0; i < runners.size(); i++) {
            ScenarioRunner r = runners.get(i);
            out.addAll(SummaryBuilder.assertions(r.scenario, metrics.get(i), timelines.get(r.scenario.name()), now));
        }
        return out;
    }

    private RunSummary buildSummary(long now, Verdict verdict, List<AssertionResult> assertions) {
        List<ScenarioSummary> scenarios = new ArrayList<>();
        List<String> runWarnings = new ArrayList<>(warnings);
        if (reporter != null) {
            for (int i = 0; i < runners.size(); i++) {
                ScenarioRunner r = runners.get(i);
                ScenarioSummary s = SummaryBuilder.scenario(r.scenario, metrics.get(i), timelines.get(r.scenario.name()), now,
                        checks.watches(r.scenario.name()));
                scenarios.add(s);
                runWarnings.addAll(SummaryBuilder.unjudgedFailures(r.scenario, s));
            }
        }
        double duration = loadStart == Long.MIN_VALUE ? 0 : Math.max(0, now - loadStart) / 1e9;
        return SummaryBuilder.run(options.version(), plan.name(), verdict.status(), verdict.exitCode(), verdict.reason(),
                Instant.ofEpochMilli(startedEpochMillis), Instant.ofEpochMilli(clock.epochMillis()), duration,
                options.segment().toString(), plan.info(), scenarios, assertions, monitor.summary(carriers.describe()), SummaryBuilder.services(plan.resources(), warnings), runWarnings, lastMeters);
    }

    private void safely(Output l, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            String msg = "listener " + l.getClass().getSimpleName() + " failed: " + ScenarioRunner.describe(e);
            if (!warnings.contains(msg)) warnings.add(msg);
        }
    }

    /** The run's named counters and gauges. */
    public Meters meters() {
        return meters;
    }

    /** The read-only view outputs get. */
    public RunView view() {
        return view;
    }

    private final class View implements RunView {
        @Override public String planName() { return plan.name(); }
        @Override public String version() { return options.version(); }
        @Override public Map<String, String> info() { return plan.info(); }
        @Override public String segment() { return options.segment().toString(); }
        @Override public Map<String, String> labels() { return labels; }
        @Override public Clock clock() { return clock; }
        @Override public long loadStartEpochMillis() { return loadStartEpochMillis; }
        @Override public RunStatus status() { return Run.this.status(); }
        @Override public RunSummary summarySoFar() { return Run.this.summarySoFar(); }
        @Override public Meters meters() { return meters; }
        @Override public void emit(String type, String scenario, String origin, String message, Map<String, Object> data) {
            Run.this.emit(type, scenario, origin, message, data);
        }
    }

    // ---- Events

    @Override
    public void emit(String type, String scenario, String origin, String message, Map<String, Object> data) {
        if (eventsClosed) return;
        long now = clock.nanoTime();
        long elapsed = loadStart == Long.MIN_VALUE ? 0 : now - loadStart;
        RunEvent e = new RunEvent(clock.epochMillis(), elapsed, type, scenario, origin, message, data);
        for (Output l : listeners) safely(l, () -> l.onEvent(e));
    }

    // ---- RunControl

    @Override
    public RunStatus status() {
        long now = clock.nanoTime();
        Tick t = lastTick;
        List<RunStatus.ScenarioStatus> list = new ArrayList<>();
        boolean anyPaused = false;
        for (ScenarioRunner r : runners) {
            Phase p = r.currentPhase();
            ScenarioTick st = null;
            if (t != null) for (ScenarioTick s : t.scenarios()) if (s.scenario().equals(r.scenario.name())) st = s;
            long[] tot = totals.get(r.scenario.name());
            boolean paused = r.paused();
            anyPaused |= paused;
            list.add(new RunStatus.ScenarioStatus(r.scenario.name(), r.scenario.model().name().toLowerCase(),
                    p == null ? (loadDone ? "done" : "-") : p.name(), r.phaseClock.index(), r.scenario.phases().size(),
                    p == null ? 0 : round2(r.phaseClock.elapsedInPhase(now) / 1e9), p == null ? 0 : round2(r.phaseClock.currentDuration() / 1e9),
                    round2(r.metrics.target()), st == null ? 0 : round2(st.target()), st == null ? 0 : round2(st.achieved()), r.metrics.inFlight().get(),
                    r.metrics.activeUsers().get(), tot[0], tot[1], tot[3], tot[2], st == null ? 0 : round2(st.requestsPerSecond()),
                    st == null ? null : ms(st, 50), st == null ? null : ms(st, 95), st == null ? null : ms(st, 99), paused));
        }
        double elapsed = loadStart == Long.MIN_VALUE ? 0 : round2((now - loadStart) / 1e9);
        return new RunStatus(state, elapsed, anyPaused, list);
    }

    @Override
    public boolean pause(String origin) {
        requireRunning();
        boolean any = false;
        for (ScenarioRunner r : runners) any |= r.pause(origin);
        return any;
    }

    @Override
    public boolean resume(String origin) {
        requireRunning();
        boolean any = false;
        for (ScenarioRunner r : runners) any |= r.resume(origin);
        return any;
    }

    @Override
    public void setRate(String scenario, double perSecond, String origin) {
        plan.guardrails().checkRate(perSecond);
        List<ScenarioRunner> selected = select(scenario, LoadModel.OPEN, "rate");
        for (ScenarioRunner r : selected) r.guardrails.checkRate(perSecond);
        for (ScenarioRunner r : selected) r.setLoad(perSecond, origin);
    }

    @Override
    public void setUsers(String scenario, int users, String origin) {
        plan.guardrails().checkUsers(users);
        List<ScenarioRunner> selected = select(scenario, LoadModel.CLOSED, "users");
        for (ScenarioRunner r : selected) r.guardrails.checkUsers(users);
        for (ScenarioRunner r : selected) r.setLoad(users, origin);
    }

    @Override
    public void scaleLoad(String scenario, double factor, String origin) {
        if (!(factor >= 0) || Double.isInfinite(factor) || factor > 1000) {
            throw new IllegalArgumentException("scale factor must be between 0 and 1000, got " + factor);
        }
        for (ScenarioRunner r : select(scenario, null, "scale")) r.scaleLoad(factor, origin);
    }

    @Override
    public void skipPhase(String scenario, String origin) {
        boolean any = false;
        for (ScenarioRunner r : select(scenario, null, "phase next")) any |= r.skipPhase(origin);
        if (!any) throw new IllegalArgumentException("no phase is running");
    }

    @Override
    public void extendPhase(String scenario, Duration by, String origin) {
        if (by == null || by.isNegative() || by.isZero()) throw new IllegalArgumentException("extend needs a duration > 0");
        boolean any = false;
        for (ScenarioRunner r : select(scenario, null, "phase extend")) any |= r.extendPhase(by.toNanos(), origin);
        if (!any) throw new IllegalArgumentException("no phase is running");
    }

    @Override
    public void stop(String reason, String origin) {
        end(reason == null ? "stopped by " + origin : reason, true, origin);
    }

    /**
     * Ends the load early as planned, not as an abort: a driver such as a capacity search that has
     * what it came for. The run finishes and is judged as if its phases had ended.
     */
    public void complete(String reason, String origin) {
        end(reason, false, origin);
    }

    @Override
    public void endLoad(String reason, boolean abort, String origin) {
        end(reason, abort, origin);
    }

    private volatile String lostReason;

    /**
     * A target of the plan is gone for good ({@link Target#watch}): the load ends, teardown runs,
     * and the run is judged an error (exit 4) with its results so far.
     */
    private void targetLost(String reason) {
        if (finished() || lostReason != null) return;
        lostReason = reason;
        emit(RunEvent.TYPE_WARNING, null, "target", "target lost: " + reason, Map.of("target", "lost"));
        end(reason, true, "target");
    }

    /** Ends the load once: as an abort (judged aborted) or as planned. */
    private void end(String reason, boolean abort, String origin) {
        if (finished() || !stopRequested.compareAndSet(false, true)) return;
        if (abort) abortReason = reason;
        emit(RunEvent.TYPE_CONTROL, null, origin, (abort ? "stop: " : "load ended: ") + reason, Map.of("command", abort ? "stop" : "complete"));
        for (ScenarioRunner r : runners) r.stop();
    }

    @Override
    public Switched injectFault(String target, Map<String, Object> spec, String origin) {
        requireRunning();
        FaultTarget t = FaultTargets.pick(plan.resources(), target);
        return new Switched(t.faultTargetName(), t.injectFault(spec, origin));
    }

    @Override
    public Cleared clearFaults(String target, String scope, String origin) {
        requireRunning();
        FaultTarget t = FaultTargets.pick(plan.resources(), target);
        return new Cleared(t.faultTargetName(), t.clearFaults(scope, origin));
    }

    /** True once a stop was asked for (by a command, a signal or a guardrail). */
    public boolean stopRequested() {
        return stopRequested.get();
    }

    private void requireRunning() {
        if (!"running".equals(state)) throw new IllegalArgumentException("the run is not running (state: " + state + ")");
    }

    private List<ScenarioRunner> select(String scenario, LoadModel model, String command) {
        requireRunning();
        return ScenarioRunner.select(runners, scenario, model, command);
    }
}
