package io.barrage.engine.run;

import io.barrage.engine.loop.EventLoops;
import io.barrage.engine.metrics.ScenarioMetrics;
import io.barrage.engine.model.Guardrails;
import io.barrage.engine.model.Phase;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.time.Clock;
import io.barrage.engine.user.ScenarioCode;
import io.barrage.engine.user.UserFlow;
import io.barrage.engine.user.Vu;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The closed model: a number of virtual users, each looping over its iteration (then the scenario's
 * pacing think time, if any). A controller follows the users pattern every slice: when it rises,
 * users with the next global indices start; when it falls, the users with the highest indices
 * retire at their next think or iteration boundary. While paused, users finish their iteration
 * and wait.
 *
 * <p>An iteration runs on a virtual thread. A user's pause between iterations holds no thread: the
 * thread ends and a timer (its event loop's, or a {@link UserTimer} on the JDK's scheduler) starts
 * the next iteration on a new one at the deadline, so an idle user costs its state (cookies,
 * script objects), not a parked stack.
 *
 * <pre>
 * user state  event                        next
 * RUNNING     iteration ends, pacing       THINKING (thread ends; timer holds the user)
 * RUNNING     iteration ends, no pacing    RUNNING (next iteration on the same thread)
 * THINKING    deadline                     RUNNING (new thread)
 * THINKING    retired or stop              DONE (at once)
 * RUNNING     retired, stop, error         DONE (at the iteration boundary)
 * </pre>
 */
final class ClosedExecutor extends ScenarioRunner {
    private static final int RUNNING = 0, THINKING = 1, DONE = 2;

    /** One user of this process: its virtual-user handle, its flow, and where it stands. */
    private static final class User {
        final Vu vu;
        final AtomicInteger state = new AtomicInteger(RUNNING);
        UserFlow flow;
        volatile long intended;

        User(Vu vu) {
            this.vu = vu;
        }
    }

    private final List<User> users = new ArrayList<>();   // by global index; null where another segment owns it
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger launched = new AtomicInteger();   // iteration threads started and not yet ended
    private final UserTimer<User> timer;

    ClosedExecutor(Scenario scenario, ScenarioCode code, ScenarioMetrics metrics, Clock clock, Segment segment,
                   Guardrails guardrails, Events events) {
        super(scenario, code, metrics, clock, segment, guardrails, events);
        this.timer = new UserTimer<>(clock, this::wakeUp);
    }

    @Override
    void runLoad(long start) throws InterruptedException {
        loopThread = Thread.currentThread();
        if (loops == null) timer.start("barrage-" + scenario.name() + "-timer");
        try {
            begin(start);
            while (!isStopping()) {
                long now = clock.nanoTime();
                int idx = syncPhase(now);
                if (idx >= scenario.phases().size()) break;
                if (!paused()) resize(planned(idx, now), now);
                refreshTarget(now);
                long next = Math.min(now + SLICE_NANOS, paused() ? now + SLICE_NANOS * 10 : phaseClock.phaseEnd());
                clock.sleepUntil(Math.max(next, now + 1), this::isStopping);
            }
            synchronized (this) {
                for (User u : users) if (u != null) retire(u);
            }
        } finally {
            timer.close();
        }
    }

    private int planned(int idx, long now) {
        return users(plannedAt(scenario.phases().get(idx), idx, phaseClock.phaseStart(), now));
    }

    @Override
    void refreshTarget(long now) {
        int idx = phaseClock.index();
        if (idx < 0 || idx >= scenario.phases().size() || paused()) return;
        metrics.target(segment.share(planned(idx, now)), now);
    }

    private synchronized void resize(int target, long now) {
        while (users.size() < target) {
            long j = users.size();
            if (segment.owns(j)) {
                User u = new User(new Vu(j, this, scenario.seed(), true));
                users.add(u);
                metrics.userJoined(now);
                launch(u, now);
            } else {
                users.add(null);
            }
        }
        while (users.size() > target) {
            User u = users.remove(users.size() - 1);
            if (u != null) retire(u);
        }
    }

    private void retire(User u) {
        u.vu.retire();
        if (u.state.compareAndSet(THINKING, DONE)) finish(u);
    }

    /** The timer's call: a thinking user's pause is over. */
    private void wakeUp(User u) {
        if (u.state.compareAndSet(THINKING, RUNNING)) launch(u, u.intended);
    }

    private void launch(User u, long intended) {
        launched.incrementAndGet();
        Thread t = newThread(u.vu.index(), () -> live(u, intended));
        u.vu.attach(t);
        t.start();
    }

    private void live(User u, long firstIntended) {
        Thread self = Thread.currentThread();
        running.add(self);
        Vu vu = u.vu;
        boolean thinking = false;
        try {
            if (u.flow == null) u.flow = code.users().create(vu);
            long intended = firstIntended;
            while (!vu.stopping()) {
                if (paused()) {
                    clock.sleepUntil(Long.MAX_VALUE, () -> !paused() || vu.stopping());
                    if (vu.stopping()) break;
                    intended = clock.nanoTime();
                }
                if (!takeIteration()) break;
                long start = clock.nanoTime();
                metrics.recordLag(start - intended);
                metrics.iterationStarted();
                if (!iterate(vu, u.flow, intended)) break;
                if (scenario.pacing() != null) {
                    long deadline = clock.nanoTime() + scenario.pacing().sampleNanos(vu.random());
                    if (vu.stopping()) break;
                    u.intended = deadline;
                    u.state.set(THINKING);
                    thinking = true;
                    EventLoops l = loops;
                    if (l != null) l.get(vu.index()).schedule(deadline, () -> wakeUp(u));
                    else timer.schedule(deadline, u);
                    // retired or stopped between the check and the hand-over: the timer must not keep it
                    if (vu.stopping() && u.state.compareAndSet(THINKING, DONE)) finish(u);
                    return;
                }
                intended = clock.nanoTime();
            }
        } catch (Throwable t) {
            warn("could not run a virtual user: " + describe(t));
        } finally {
            running.remove(self);
            launched.decrementAndGet();
            if (!thinking && u.state.getAndSet(DONE) != DONE) finish(u);
        }
    }

    /** Once per user: releases its flow and stops counting it. */
    private void finish(User u) {
        try {
            if (u.flow != null) u.flow.close();
            u.vu.closeClients();
        } catch (RuntimeException e) {
            warn("closing a virtual user failed: " + describe(e));
        }
        metrics.userLeft(clock.nanoTime());
    }

    /** Iteration threads started and not yet ended (thinking users have none). */
    int runningThreads() {
        return launched.get();
    }

    @Override
    int busy() {
        return metrics.activeUsers().get();
    }

    @Override
    void wakeAll() {
        synchronized (this) {
            for (User u : users) {
                if (u == null) continue;
                if (isStopping() && u.state.compareAndSet(THINKING, DONE)) finish(u);
                else u.vu.nudge();
            }
        }
    }

    @Override
    void interruptAll() {
        for (Thread t : running) t.interrupt();
    }
}
