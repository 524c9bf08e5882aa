package io.barrage.engine.run;

import io.barrage.engine.metrics.ScenarioMetrics;
import io.barrage.engine.model.Guardrails;
import io.barrage.engine.model.Phase;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.pattern.ArrivalCurve;
import io.barrage.engine.time.Clock;
import io.barrage.engine.user.ScenarioCode;
import io.barrage.engine.user.UserFlow;
import io.barrage.engine.user.Vu;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open model: arrivals at the intended times of the scenario's arrival curve, one virtual
 * thread each. The scheduler thread parks until the next arrival is due (it never spins) and never
 * waits for earlier arrivals to finish; arrivals beyond {@code maxConcurrency} in flight are
 * dropped and counted. Each arrival carries its global index and its intended start, from which
 * its latency and schedule lag are measured.
 */
final class OpenExecutor extends ScenarioRunner {
    /**
     * The scheduler wakes at most once per this many nanoseconds and then starts every arrival that
     * is due: at 20 000 arrivals/s that is 6 per wake-up instead of 1, and the arrivals leave together
     * (one wake-up of the target, one of each loop). An arrival may so start up to this late, which
     * its schedule lag shows; on an event loop it starts earlier when the loop is awake anyway from
     * its time on ({@link Clock#sleepBetween}). Arrivals further apart than this are each started at
     * their time. Measured at 20 000/s to a 10 ms service on 2 cores: 200 µs gave a lag p50 of
     * 0.15 ms and 11.3 µs of CPU per request, 300 µs 0.19 ms and 10.2 µs, 400 µs 0.25 ms and 9.1 µs
     * (each of the loop's wake-ups from epoll costs about as much as a request).
     */
    static final long COALESCE_NANOS = 300_000L;

    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private ArrivalCurve curve;
    private long lastWake = Long.MIN_VALUE;
    // the next arrival, computed and not yet started: its time on the unpaused curve, and its index
    private long pendingU = Long.MIN_VALUE, pendingK = -1;

    OpenExecutor(Scenario scenario, ScenarioCode code, ScenarioMetrics metrics, Clock clock, Segment segment,
                 Guardrails guardrails, Events events) {
        super(scenario, code, metrics, clock, segment, guardrails, events);
    }

    /**
     * The curve runs on unpaused time {@code u = wall − time spent paused}, so a pause freezes the
     * schedule and an arrival due during a pause comes that much later. An arrival computed but not
     * yet due when a pause starts stays pending until after the pause.
     */
    @Override
    void runLoad(long start) throws InterruptedException {
        loopThread = Thread.currentThread();
        curve = new ArrivalCurve(scenario.spacing(), scenario.seed(), start);
        begin(start);
        while (!isStopping()) {
            long now = clock.nanoTime();
            int current = phaseClock.index();
            if (current >= 0 && current < scenario.phases().size() && !paused() && now - phaseClock.phaseEnd() >= 0) {
                finishPhase(current);
            }
            int idx = syncPhase(now);
            if (idx >= scenario.phases().size()) break;
            if (paused()) {
                metrics.target(0, now);
                clock.sleepUntil(now + SLICE_NANOS * 10, () -> !paused() || isStopping());
                continue;
            }
            long shift = phaseClock.pausedTotal();
            Phase phase = scenario.phases().get(idx);
            long phaseStartU = phaseClock.phaseStart() - shift;
            long u = now - shift;
            refreshTarget(now);
            if (pendingU == Long.MIN_VALUE) {
                long limit = Math.min(Math.max(u, curve.cursor()) + SLICE_NANOS, phaseClock.phaseEnd() - shift);
                if (limit <= curve.cursor()) {
                    clock.sleepUntil(Math.max(limit + shift, now + 1_000_000L), this::interrupted);
                    continue;
                }
                long due = curve.next(limit, t -> plannedAt(phase, idx, phaseStartU, t));
                if (due == Long.MIN_VALUE) {
                    clock.sleepUntil(limit + shift, this::interrupted);
                    continue;
                }
                pendingU = due;
                pendingK = curve.index();
            }
            if (!segment.owns(pendingK)) {   // another worker's arrival: no need to wake for it
                pendingU = Long.MIN_VALUE;
                continue;
            }
            long due = pendingU + shift;
            if (due - now > 0) {
                long wake = lastWake == Long.MIN_VALUE ? due : Math.max(due, lastWake + COALESCE_NANOS);
                if (!clock.sleepBetween(due, wake, this::interrupted)) continue;
                lastWake = clock.nanoTime();
            }
            dispatch(pendingK, due);
            pendingU = Long.MIN_VALUE;
        }
    }

    /**
     * Phase {@code idx} has ended: the arrivals still due in it (a wake-up that came after its end)
     * start now, late as their lag shows, before the next phase begins; none is lost.
     */
    private void finishPhase(int idx) {
        long shift = phaseClock.pausedTotal();
        Phase phase = scenario.phases().get(idx);
        long phaseStartU = phaseClock.phaseStart() - shift;
        long endU = phaseClock.phaseEnd() - shift;
        while (true) {
            if (pendingU == Long.MIN_VALUE) {
                if (curve.cursor() >= endU) return;
                long due = curve.next(endU, t -> plannedAt(phase, idx, phaseStartU, t));
                if (due == Long.MIN_VALUE) return;
                pendingU = due;
                pendingK = curve.index();
            }
            if (segment.owns(pendingK)) dispatch(pendingK, pendingU + shift);
            pendingU = Long.MIN_VALUE;
        }
    }

    /**
     * The calls the open model will have in flight as its load starts, for {@link
     * io.barrage.engine.user.UserFactory#prepare}: the arrivals of the plan's first {@value
     * #PREPARE_WINDOW_MILLIS} ms at its first second's peak rate (this process's share), so that
     * calls answered within that time find a connection open. The pool grows from there, as before.
     */
    @Override
    int prepareConcurrency() {
        double peak = 0;
        for (long t = 0; t <= 1_000_000_000L; t += 50_000_000L) peak = Math.max(peak, scenario.valueAt(t));
        peak = guardrails.capRate(peak) / segment.count();
        return (int) Math.min(MAX_PREPARED, Math.ceil(peak * PREPARE_WINDOW_MILLIS / 1000.0));
    }

    /**
     * See {@link #prepareConcurrency}. Measured at 10 000 arrivals/s to a 10 ms service (B2, a slow
     * day of these machines, 9 rounds beside the build before): with an empty pool 154–821 of the
     * first second's calls waited for a connection; with 25 ms prepared, 0–60 in 8 rounds (515 in
     * one), and the run's p99 was at most 5.3 ms above the later seconds' in those 8 (before: up to
     * 36.7 ms).
     */
    static final long PREPARE_WINDOW_MILLIS = 25;
    /** The most calls prepared for, whatever the rate. */
    static final int MAX_PREPARED = 2_000;

    @Override
    void refreshTarget(long now) {
        int idx = phaseClock.index();
        if (idx < 0 || idx >= scenario.phases().size()) return;
        if (paused()) {
            metrics.target(0, now);
            return;
        }
        long shift = phaseClock.pausedTotal();
        long phaseStartU = phaseClock.phaseStart() - shift;
        double rate = plannedAt(scenario.phases().get(idx), idx, phaseStartU, Math.max(now - shift, phaseStartU));
        metrics.target(rate / segment.count(), now);
    }

    private boolean interrupted() {
        return isStopping() || paused();
    }

    private void dispatch(long k, long intended) {
        metrics.scheduled();
        if (metrics.inFlight().incrementAndGet() > scenario.maxConcurrency()) {
            metrics.inFlight().decrementAndGet();
            metrics.dropped();
            return;
        }
        runDue(k, () -> arrive(k, intended));
    }

    private void arrive(long k, long intended) {
        Thread self = Thread.currentThread();
        running.add(self);
        try {
            if (!takeIteration()) return;
            long start = clock.nanoTime();
            metrics.recordLag(start - intended);
            metrics.iterationStarted();
            Vu vu = new Vu(k, this, scenario.seed());
            vu.attach(self);
            UserFlow flow = code.users().create(vu);
            try {
                iterate(vu, flow, intended);
            } finally {
                flow.close();
                vu.closeClients();
            }
        } catch (Throwable t) {
            warn("could not start a virtual user: " + describe(t));
        } finally {
            running.remove(self);
            metrics.inFlight().decrementAndGet();
        }
    }

    @Override
    int busy() {
        return metrics.inFlight().get();
    }

    @Override
    void wakeAll() {
        for (Thread t : running) clock.wake(t);
    }

    @Override
    void interruptAll() {
        for (Thread t : running) t.interrupt();
    }
}
