package io.barrage.engine.run;

import io.barrage.engine.output.RunEvent;
import io.barrage.engine.metrics.ScenarioMetrics;
import io.barrage.engine.loop.EventLoops;
import io.barrage.engine.format.Durations;
import io.barrage.engine.model.Guardrails;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.model.Phase;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.time.Clock;
import io.barrage.engine.user.ScenarioCode;
import io.barrage.engine.user.ScriptError;
import io.barrage.engine.user.Vu;
import io.barrage.engine.user.VuHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The state every executor shares: the scenario, its metrics and phase clock, live changes of load,
 * pause and stop. {@link OpenExecutor} and {@link ClosedExecutor} add the loop that makes the load.
 */
abstract sealed class ScenarioRunner implements VuHost permits OpenExecutor, ClosedExecutor {
    /** The longest an executor waits before it looks at live changes again. */
    static final long SLICE_NANOS = 10_000_000L;
    private static final int MAX_WARNINGS = 20;

    final Scenario scenario;
    /** What the scenario's users, setup and teardown run, bound to it by the plan. */
    final ScenarioCode code;
    final ScenarioMetrics metrics;
    final Clock clock;
    final Segment segment;
    final Guardrails guardrails;
    final Events events;
    final PhaseClock phaseClock;
    private final ThreadFactory virtualThreads;
    /** The run's event loops, or null: the load's virtual threads then run on the JDK's scheduler. */
    volatile EventLoops loops;
    private volatile Object shared;
    private volatile boolean stopping;
    private volatile boolean hardStopped;
    private final AtomicInteger warnings = new AtomicInteger();
    private final java.util.Set<String> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private int seenPhase = -1;
    volatile Thread loopThread;
    /** The script the plan came from (a path), to name the line of user code that threw; or null. */
    volatile String script;

    // Live changes of load. The override holds until its phase ends; the scale holds until changed.
    private volatile double scale = 1.0;
    private volatile double override = Double.NaN;
    private volatile int overridePhase = -1;
    private volatile boolean capWarned;

    ScenarioRunner(Scenario scenario, ScenarioCode code, ScenarioMetrics metrics, Clock clock, Segment segment,
                   Guardrails guardrails, Events events) {
        this.scenario = scenario;
        this.code = code;
        this.metrics = metrics;
        this.clock = clock;
        this.segment = segment;
        this.guardrails = guardrails;
        this.events = events;
        long[] durations = scenario.phases().stream().mapToLong(Phase::durationNanos).toArray();
        this.phaseClock = new PhaseClock(durations);
        this.virtualThreads = Thread.ofVirtual().factory();   // unnamed: naming costs on every arrival
        long own = scenario.guardrails() == null ? 0 : scenario.guardrails().maxIterations();
        this.ownBudget = own > 0 ? new IterationBudget(own, segment, scenario.name(), events) : null;
    }

    /** The scenario's own {@code maxIterations}, and the run's (every scenario's together): null when none. */
    private final IterationBudget ownBudget;
    IterationBudget runBudget;

    /** True when the next iteration may start ({@code maxIterations}); the first refused stops the run. */
    final boolean takeIteration() {
        return (ownBudget == null || ownBudget.take()) && (runBudget == null || runBudget.take());
    }

    /**
     * A virtual thread, not started, for the user or arrival numbered {@code index}: on the run's
     * event loop for that index (so a user's threads and connections stay on one loop), or on the
     * JDK's scheduler.
     */
    Thread newThread(long index, Runnable task) {
        EventLoops l = loops;
        return l == null ? virtualThreads.newThread(task) : l.get(index).newThread(task);
    }

    /**
     * Runs a due arrival's task on a virtual thread: on an event loop, ahead of the work queued
     * there and on a thread an earlier arrival of that loop ended on ({@link
     * io.barrage.engine.loop.EventLoop#runFirst}); on the JDK's scheduler, a new one.
     */
    void runDue(long index, Runnable task) {
        EventLoops l = loops;
        if (l == null) virtualThreads.newThread(task).start();
        else l.get(index).runFirst(task);
    }

    /** Makes the load from {@code start} until the phases end or the run stops. Runs on its own thread. */
    abstract void runLoad(long start) throws InterruptedException;

    /**
     * Sets the metrics' target to what the plan asks for at {@code now}; called by the executor's
     * loop and at once by live changes, so that a status read right after a command shows it.
     */
    abstract void refreshTarget(long now);

    /** About how many calls will be in flight as the load starts, to prepare for before its clock starts; 0 for none. */
    int prepareConcurrency() {
        return 0;
    }

    /** How much load is in flight: iterations (open) or live users (closed). */
    abstract int busy();

    /** Lets every user see that the run is stopping. */
    abstract void wakeAll();

    // ---- VuHost

    @Override public Clock clock() { return clock; }
    @Override public ScenarioMetrics metrics() { return metrics; }
    @Override public Object shared() { return shared; }
    @Override public io.barrage.engine.user.Protocol<?> protocol(String name) { return code.protocol(name); }
    @Override public List<String> protocolNames() { return code.protocols().stream().map(io.barrage.engine.user.Protocol::name).toList(); }
    @Override public boolean stopping() { return stopping; }

    @Override public int segmentIndex() { return segment.index(); }

    @Override public int segmentCount() { return segment.count(); }

    @Override
    public void endLoad(String reason, boolean abort) {
        events.endLoad(reason, abort, "script");
    }

    @Override
    public void warn(String message) {
        warn(message, Map.of());
    }

    /** A warning of the script's, with data for the event; each distinct message once, at most {@value #MAX_WARNINGS}. */
    void warn(String message, Map<String, Object> data) {
        if (warned.size() >= 1000 || !warned.add(message)) return;   // the same warning again says nothing new
        int n = warnings.incrementAndGet();
        if (n <= MAX_WARNINGS) {
            events.emit(RunEvent.TYPE_WARNING, scenario.name(), "script", message, data);
        } else if (n == MAX_WARNINGS + 1) {
            events.emit(RunEvent.TYPE_WARNING, scenario.name(), "script",
                    "more than " + MAX_WARNINGS + " different warnings: further ones are not listed (errors are still counted)", Map.of());
        }
    }

    void shared(Object value) {
        this.shared = value;
    }

    // ---- phases

    /** Starts the phase clock at {@code start}, once (the run does it before the loops start, so control sees phases at once). */
    synchronized void begin(long start) {
        if (phaseClock.index() >= 0) return;
        phaseClock.start(start);
        syncPhase(start);
        refreshTarget(start);   // the target counts from the load's start, as the intervals do
    }

    /** Follows the phase clock to {@code now}; emits a phase event and moves the metrics on a change. */
    synchronized int syncPhase(long now) {
        int idx = phaseClock.advance(now);
        if (idx != seenPhase) {
            int phases = scenario.phases().size();
            if (idx < phases) {
                metrics.enterSlot(ScenarioMetrics.phaseSlot(idx), now);
                Phase p = scenario.phases().get(idx);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("phase", p.name());
                data.put("index", idx);
                data.put("pattern", p.pattern().describe());
                events.emit(RunEvent.TYPE_PHASE, scenario.name(), "plan", "phase '" + p.name() + "' began: " + p.pattern().describe(), data);
            } else {
                metrics.endSlot(now);
                metrics.target(0, now);
            }
            seenPhase = idx;
        }
        return idx;
    }

    Phase currentPhase() {
        int idx = phaseClock.index();
        return idx >= 0 && idx < scenario.phases().size() ? scenario.phases().get(idx) : null;
    }

    /** The load the plan asks for at time {@code t} of the current phase whose start is {@code phaseStart}, with live changes and caps. */
    double plannedAt(Phase phase, int phaseIndex, long phaseStart, long t) {
        double v;
        if (overridePhase == phaseIndex && !Double.isNaN(override)) {
            v = override;
        } else {
            v = phase.pattern().valueAt(t - phaseStart) * scale;
        }
        double asked = phase.model() == LoadModel.OPEN ? v : users(v);
        double capped = phase.model() == LoadModel.OPEN ? guardrails.capRate(v) : guardrails.capUsers((int) asked);
        if (capped < asked && !capWarned) {
            capWarned = true;
            events.emit(RunEvent.TYPE_GUARDRAIL, scenario.name(), "guardrail", "load capped at "
                    + (phase.model() == LoadModel.OPEN ? "maxRate " + fmt(guardrails.maxRate()) + "/s" : "maxUsers " + guardrails.maxUsers()),
                    Map.of("asked", asked, "capped", capped));
        }
        return capped;
    }

    /**
     * The users the closed model runs when the plan asks for {@code planned}: the nearest whole
     * number (halves up), so that over a ramp or a sine the users' mean is the plan's mean — with
     * the whole part only, a ramp 0..10 would run 4.5 users on average where 5 were planned.
     */
    static int users(double planned) {
        return planned <= 0 || Double.isNaN(planned) ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.floor(planned + 0.5));
    }

    // ---- live control (called from control threads)

    boolean pause(String origin) {
        long now = clock.nanoTime();
        if (!phaseClock.pause(now)) return false;
        events.emit(RunEvent.TYPE_CONTROL, scenario.name(), origin, "paused", Map.of("command", "pause"));
        refreshTarget(now);
        wakeLoop();
        return true;
    }

    boolean resume(String origin) {
        long now = clock.nanoTime();
        long paused = phaseClock.resume(now);
        if (paused < 0) return false;
        metrics.addPaused(paused);
        events.emit(RunEvent.TYPE_CONTROL, scenario.name(), origin, "resumed after " + Durations.format(java.time.Duration.ofNanos(paused)),
                Map.of("command", "resume", "pausedSeconds", paused / 1e9));
        refreshTarget(now);
        wakeLoop();
        wakeAll();
        return true;
    }

    boolean paused() {
        return phaseClock.paused();
    }

    void setLoad(double value, String origin) {
        int idx = phaseClock.index();
        this.override = value;
        this.overridePhase = idx;
        Phase p = currentPhase();
        String word = scenario.model().word();
        events.emit(RunEvent.TYPE_CONTROL, scenario.name(), origin, word + " set to " + fmt(value) + scenario.model().unit()
                + (p == null ? "" : " for the rest of phase '" + p.name() + "'"),
                Map.of("command", word, word, value));
        refreshTarget(clock.nanoTime());
        wakeLoop();
    }

    void scaleLoad(double factor, String origin) {
        this.scale = factor;
        this.override = Double.NaN;
        this.overridePhase = -1;
        String word = scenario.model().word();
        events.emit(RunEvent.TYPE_CONTROL, scenario.name(), origin, word + " scaled ×" + fmt(factor) + " of the plan",
                Map.of("command", "scale", "factor", factor));
        refreshTarget(clock.nanoTime());
        wakeLoop();
    }

    boolean skipPhase(String origin) {
        long now = clock.nanoTime();
        Phase p = currentPhase();
        if (p == null) return false;
        phaseClock.skip(now);
        events.emit(RunEvent.TYPE_CONTROL, scenario.name(), origin, "phase '" + p.name() + "' skipped",
                Map.of("command", "phase next", "phase", p.name()));
        syncPhase(now);
        wakeLoop();
        return true;
    }

    boolean extendPhase(long nanos, String origin) {
        Phase p = currentPhase();
        if (p == null) return false;
        phaseClock.extend(nanos);
        events.emit(RunEvent.TYPE_CONTROL, scenario.name(), origin, "phase '" + p.name() + "' extended by "
                + Durations.format(java.time.Duration.ofNanos(nanos)),
                Map.of("command", "phase extend", "phase", p.name(), "seconds", nanos / 1e9));
        return true;
    }

    void stop() {
        stopping = true;
        wakeLoop();
        wakeAll();
    }

    boolean isStopping() {
        return stopping;
    }

    /** After the grace period: interrupts whatever still runs. */
    void hardStop() {
        hardStopped = true;
        interruptAll();
    }

    boolean hardStopped() {
        return hardStopped;
    }

    abstract void interruptAll();

    void wakeLoop() {
        Thread t = loopThread;
        if (t != null) clock.wake(t);
    }

    /** Runs one iteration of a user, classifying what escapes it. Returns false if the user was stopped. */
    boolean iterate(Vu vu, io.barrage.engine.user.UserFlow flow, long intended) {
        int slot = metrics.slot();   // a failure counts in the phase its iteration started in, as the iteration does
        vu.beginIteration(intended);
        try {
            flow.iterate(vu);
            return true;
        } catch (io.barrage.engine.user.VuStopped stopped) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Throwable t) {
            if (hardStopped) return false;
            failed(t, slot);
            return true;
        }
    }

    /**
     * An iteration's user code threw: a failed iteration, counted by kind and by the script line
     * that threw, and a warning naming that line. Not a call: it adds no request and no latency.
     */
    void failed(Throwable thrown, int slot) {
        Throwable t = Failures.unwrap(thrown);
        ScriptError mistake = t instanceof ScriptError e ? e : null;   // already in barrage's words
        String where = mistake != null ? mistake.where() : Failures.where(t, script);
        String kind = Failures.kind(t);
        String message = Failures.message(t);
        metrics.iterationFailed(slot, kind, where, message);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", kind);
        if (message != null) data.put("message", message);
        if (where != null) data.put("where", where);
        warn((where == null ? "" : where + ": ") + (mistake != null ? message : "user code threw " + Failures.describe(t)), data);
    }

    static String describe(Throwable t) {
        if (t instanceof io.barrage.engine.user.ScriptError) return t.getMessage();
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg.lines().findFirst().orElse(""));
    }

    static String fmt(double v) {
        return io.barrage.engine.format.Numbers.format(v);
    }

    /**
     * The runners a live command applies to: the scenario named (which must use {@code model}, if
     * given), or every one using {@code model}; one-line errors otherwise.
     */
    static List<ScenarioRunner> select(List<ScenarioRunner> runners, String scenario, LoadModel model, String command) {
        List<ScenarioRunner> out = new ArrayList<>();
        if (scenario != null) {
            for (ScenarioRunner r : runners) if (r.scenario.name().equals(scenario)) out.add(r);
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no scenario named '" + scenario + "' (scenarios: "
                        + String.join(", ", runners.stream().map(r -> r.scenario.name()).toList()) + ")");
            }
            if (model != null && out.get(0).scenario.model() != model) {
                throw new IllegalArgumentException("scenario '" + scenario + "' uses " + out.get(0).scenario.model().word()
                        + ", not " + model.word() + ": use '" + out.get(0).scenario.model().word() + " N' instead");
            }
            return out;
        }
        for (ScenarioRunner r : runners) if (model == null || r.scenario.model() == model) out.add(r);
        if (out.isEmpty()) {
            throw new IllegalArgumentException("'" + command + "' applies to " + model.word() + ": scenarios, and this run has none");
        }
        return out;
    }
}
