package io.barrage.engine.metrics;

import io.barrage.engine.analysis.Analysis;
import io.barrage.engine.pattern.LoadModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The metrics of one scenario: its steps, and per phase slot the schedule lag, iterations,
 * scheduled and dropped arrivals. Slot 0 holds setup, slots 1..n the load phases, slot n+1
 * teardown. The executor moves {@link #slot()} as phases change; recorders read it when they record.
 */
public final class ScenarioMetrics {
    private final String name;
    private final LoadModel model;
    private final String[] slotNames;
    private volatile int slot;
    private final ConcurrentHashMap<String, StepMetrics> steps = new ConcurrentHashMap<>();
    private final List<StepMetrics> stepOrder = new CopyOnWriteArrayList<>();
    final PhaseCounters[] phases;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger activeUsers = new AtomicInteger();
    private volatile double target;
    private final List<Analysis> analyses;
    private final ConcurrentHashMap<String, Tally> tallies = new ConcurrentHashMap<>();
    private final IterationErrors iterationErrors = new IterationErrors();

    /** Counters of one phase slot. */
    static final class PhaseCounters {
        final StripedRecorder lag = new StripedRecorder();
        final LongAdder iterations = new LongAdder();
        final LongAdder scheduled = new LongAdder();
        final LongAdder dropped = new LongAdder();
        final LongAdder failed = new LongAdder();
        // Reporter-owned.
        Histogram lagInterval;
        final Histogram lagTotal = new Histogram(MetricNames.DIGITS);
        long iterationsSeen, scheduledSeen, droppedSeen, failedSeen;
        volatile long startNanos = -1, endNanos = -1, pausedNanos;
    }

    public ScenarioMetrics(String name, LoadModel model, List<String> phaseNames) {
        this(name, model, phaseNames, List.of());
    }

    /** @param analyses what the scenario's tallies are analysed for, scored at every interval */
    public ScenarioMetrics(String name, LoadModel model, List<String> phaseNames, List<Analysis> analyses) {
        this.analyses = List.copyOf(analyses);
        this.name = name;
        this.model = model;
        List<String> names = new ArrayList<>();
        names.add(MetricNames.SETUP_PHASE);
        names.addAll(phaseNames);
        names.add(MetricNames.TEARDOWN_PHASE);
        this.slotNames = names.toArray(String[]::new);
        this.phases = new PhaseCounters[slotNames.length];
        for (int i = 0; i < phases.length; i++) phases[i] = new PhaseCounters();
    }

    public String name() { return name; }
    public LoadModel model() { return model; }
    public int slotCount() { return slotNames.length; }
    public String slotName(int slot) { return slotNames[slot]; }
    public int slot() { return slot; }
    public List<String> slotNames() { return List.of(slotNames); }

    /** The slot of load phase {@code index} (0-based). */
    public static int phaseSlot(int index) { return index + 1; }

    public int teardownSlot() { return slotNames.length - 1; }

    /** Moves recording to another phase slot at time {@code now} (executors only). */
    public void enterSlot(int slot, long now) {
        int previous = this.slot;
        if (previous != slot && phases[previous].startNanos >= 0 && phases[previous].endNanos < 0) {
            phases[previous].endNanos = now;
        }
        if (phases[slot].startNanos < 0) phases[slot].startNanos = now;
        phases[slot].endNanos = -1;
        this.slot = slot;
    }

    /** Marks the current slot ended at {@code now} (end of the load or of the hook). */
    public void endSlot(long now) {
        PhaseCounters c = phases[slot];
        if (c.startNanos >= 0 && c.endNanos < 0) c.endNanos = now;
    }

    /** Adds time spent paused to the current slot, so its rates count only running time. */
    public void addPaused(long nanos) { phases[slot].pausedNanos += nanos; }

    /**
     * Running time of a slot in nanoseconds (end − start − paused), using {@code now} for a slot
     * still running; 0 if it never started.
     */
    public long slotRunningNanos(int slot, long now) {
        PhaseCounters c = phases[slot];
        if (c.startNanos < 0) return 0;
        long end = c.endNanos >= 0 ? c.endNanos : now;
        return Math.max(0, end - c.startNanos - c.pausedNanos);
    }

    /** The step named {@code name}, created on first use. */
    public StepMetrics step(String name) {
        StepMetrics s = steps.get(name);
        if (s != null) return s;
        return steps.computeIfAbsent(name, n -> {
            StepMetrics created = new StepMetrics(this, n);
            stepOrder.add(created);
            return created;
        });
    }

    /** Steps in the order they were first used. */
    public List<StepMetrics> steps() { return Collections.unmodifiableList(stepOrder); }

    public void recordLag(long lagNanos) { phases[slot].lag.recordValue(Micros.of(lagNanos)); }
    public void iterationStarted() { phases[slot].iterations.increment(); }
    public void scheduled() { phases[slot].scheduled.increment(); }
    public void dropped() { phases[slot].dropped.increment(); }

    /**
     * An iteration's user code threw: counted in the phase slot the iteration started in and by
     * kind and place, never as a call (no request, rate or latency).
     *
     * @param slot  the phase slot when the iteration started ({@link #slot()} then)
     * @param where {@code file:line} of the user's code that threw, or null
     */
    public void iterationFailed(int slot, String kind, String where, String message) {
        phases[slot].failed.increment();
        iterationErrors.record(kind, where, message);
    }

    /** Failed iterations by kind and place, over the whole run. */
    public IterationErrors iterationErrors() { return iterationErrors; }

    /** Schedule lag of a slot, run total so far (reporter thread or after the run). */
    public Histogram lagTotal(int slot) { return phases[slot].lagTotal; }
    public long iterationsTotal(int slot) { return phases[slot].iterations.sum(); }
    public long scheduledTotal(int slot) { return phases[slot].scheduled.sum(); }
    public long droppedTotal(int slot) { return phases[slot].dropped.sum(); }
    public long failedTotal(int slot) { return phases[slot].failed.sum(); }
    public boolean slotStarted(int slot) { return phases[slot].startNanos >= 0; }

    /** The scenario's analyses. */
    public List<Analysis> analyses() { return analyses; }

    /** The tally named {@code name} (calls counted by a label), created on first use. */
    public Tally tally(String name) {
        Tally t = tallies.get(name);
        return t != null ? t : tallies.computeIfAbsent(name, n -> new Tally(n, this));
    }

    /** The tallies recorded so far, by name. */
    public Map<String, Tally> tallies() { return Collections.unmodifiableMap(tallies); }

    /** Every tally's counts by label over a slot, or over all load phases ({@code slot} −1): tally → label → count. */
    public Map<String, Map<String, Long>> tallyTotals(int slot) {
        Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
        tallies.forEach((n, t) -> out.put(n, t.totals(slot)));
        return out;
    }

    public AtomicInteger inFlight() { return inFlight; }
    public AtomicInteger activeUsers() { return activeUsers; }

    // user-time, for the closed model's achieved users: the mean over an interval, not the count at its tick
    private final TimeIntegral users = new TimeIntegral();
    /** The reporter's: {@link #userNanos} at its last tick. */
    double userNanosSeen;

    /** A closed-model user joined at {@code now} (clock nanoseconds). */
    public void userJoined(long now) {
        users.add(1, now);
        activeUsers.incrementAndGet();
    }

    /** A closed-model user left at {@code now}. */
    public void userLeft(long now) {
        users.add(-1, now);
        activeUsers.decrementAndGet();
    }

    /** User-nanoseconds lived until {@code now}: their growth over an interval, divided by its length, is its mean user count. */
    public double userNanos(long now) {
        return users.integral(now);
    }

    /** The load the plan asks for right now (arrivals/s or users), after live changes and caps. */
    public double target() { return target; }

    // target-time, so an interval's target is its mean over the interval, as its achieved load is
    private final TimeIntegral targetTime = new TimeIntegral();
    /** The reporter's: {@link #targetNanos} at its last tick. */
    double targetNanosSeen;

    /**
     * Sets what the plan asks for from {@code now} on (clock nanoseconds): the value holds until the
     * next change. Executors call it as often as they look at the plan (at least every 10 ms while
     * the load runs), so a ramp's mean over a second is within half a look of its slope (18.9/s for
     * a second planned at 19 on a ramp of 18/s per second). A value that did not change costs a read;
     * a change (at every look on a ramp or a sine) an uncontended lock.
     */
    public void target(double value, long now) {
        if (value == target && targetSet) return;
        synchronized (targetTime) {   // the integral's own lock: its value and this field change together
            targetTime.set(value, now);
            target = value;
            targetSet = true;
        }
    }

    private volatile boolean targetSet;

    /** Target-nanoseconds until {@code now}: their growth over an interval, divided by its length, is its mean target. */
    public double targetNanos(long now) {
        return targetTime.integral(now);
    }
}
