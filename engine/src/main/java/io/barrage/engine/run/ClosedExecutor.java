package io.barrage.engine.run;

import io.barrage.engine.metrics.ScenarioMetrics;
import io.barrage.engine.model.Guardrails;
import io.barrage.engine.model.Phase;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.time.Clock;
import io.barrage.engine.user.UserFlow;
import io.barrage.engine.user.Vu;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The closed model: a number of virtual users, each a virtual thread looping over its iteration
 * (then the scenario's pacing think time, if any). A controller follows the users pattern every
 * slice: when it rises, users with the next global indices start; when it falls, the users with
 * the highest indices retire at their next think or iteration boundary. While paused, users finish
 * their iteration and wait.
 */
final class ClosedExecutor extends ScenarioRunner {
    private final List<Vu> users = new ArrayList<>();   // by global index; null where another segment owns it
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    ClosedExecutor(Scenario scenario, ScenarioMetrics metrics, Clock clock, Segment segment,
                   Guardrails guardrails, Events events) {
        super(scenario, metrics, clock, segment, guardrails, events);
    }

    @Override
    void runLoad(long start) throws InterruptedException {
        loopThread = Thread.currentThread();
        begin(start);
        while (!isStopping()) {
            long now = clock.nanoTime();
            int idx = syncPhase(now);
            if (idx >= scenario.phases().size()) break;
            if (!paused()) {
                Phase phase = scenario.phases().get(idx);
                int target = (int) Math.floor(plannedAt(phase, idx, phaseClock.phaseStart(), now) + 1e-9);
                resize(target, now);
                metrics.target(segment.share(target));
            }
            long next = Math.min(now + SLICE_NANOS, paused() ? now + SLICE_NANOS * 10 : phaseClock.phaseEnd());
            clock.sleepUntil(Math.max(next, now + 1), this::isStopping);
        }
        synchronized (this) {
            for (Vu vu : users) if (vu != null) vu.retire();
        }
    }

    private synchronized void resize(int target, long now) {
        while (users.size() < target) {
            long j = users.size();
            if (segment.owns(j)) {
                Vu vu = new Vu(j, this, scenario.seed());
                users.add(vu);
                startUser(vu, now);
            } else {
                users.add(null);
            }
        }
        while (users.size() > target) {
            Vu vu = users.remove(users.size() - 1);
            if (vu != null) vu.retire();
        }
    }

    private void startUser(Vu vu, long intended) {
        metrics.activeUsers().incrementAndGet();
        Thread t = virtualThreads.newThread(() -> live(vu, intended));
        vu.attach(t);
        running.add(t);
        t.start();
    }

    private void live(Vu vu, long firstIntended) {
        UserFlow flow = null;
        try {
            flow = scenario.users().create(vu);
            long intended = firstIntended;
            while (!vu.stopping()) {
                if (paused()) {
                    clock.sleepUntil(Long.MAX_VALUE, () -> !paused() || vu.stopping());
                    if (vu.stopping()) break;
                    intended = clock.nanoTime();
                }
                long start = clock.nanoTime();
                metrics.recordLag(start - intended);
                metrics.iterationStarted();
                if (!iterate(vu, flow, intended)) break;
                if (scenario.pacing() != null) {
                    long deadline = clock.nanoTime() + scenario.pacing().sampleNanos(vu.random());
                    if (!clock.sleepUntil(deadline, vu::stopping)) break;
                    intended = deadline;
                } else {
                    intended = clock.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            warn("could not run a virtual user: " + describe(t));
        } finally {
            if (flow != null) {
                try {
                    flow.close();
                } catch (RuntimeException e) {
                    warn("closing a virtual user failed: " + describe(e));
                }
            }
            running.remove(Thread.currentThread());
            metrics.activeUsers().decrementAndGet();
        }
    }

    @Override
    int busy() {
        return metrics.activeUsers().get();
    }

    @Override
    void wakeAll() {
        synchronized (this) {
            for (Vu vu : users) if (vu != null) vu.nudge();
        }
    }

    @Override
    void interruptAll() {
        for (Thread t : running) t.interrupt();
    }
}
