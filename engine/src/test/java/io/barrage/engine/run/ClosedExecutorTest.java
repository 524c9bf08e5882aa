package io.barrage.engine.run;

import io.barrage.engine.output.RunEvent;
import static io.barrage.engine.testing.Plans.holdUsers;
import static io.barrage.engine.testing.Plans.rampUsers;
import static io.barrage.engine.testing.Plans.s;
import static io.barrage.engine.testing.Plans.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.barrage.engine.metrics.MetricsReporter;
import io.barrage.engine.metrics.ScenarioMetrics;
import io.barrage.engine.metrics.ScenarioTick;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.pattern.Sine;
import io.barrage.engine.pattern.Step;
import io.barrage.engine.summary.SummaryBuilder;
import io.barrage.engine.summary.TimelinePoint;
import java.util.ArrayList;
import java.util.List;
import io.barrage.engine.model.Guardrails;
import io.barrage.engine.model.Phase;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.model.ThinkTime;
import io.barrage.engine.testing.Await;
import io.barrage.engine.testing.Plans;
import io.barrage.engine.time.FakeClock;
import io.barrage.engine.user.UserFlow;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClosedExecutorTest {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    final FakeClock clock = new FakeClock();
    final RecordingEvents events = new RecordingEvents();
    final AtomicLong iterations = new AtomicLong();
    final Set<Long> seenUsers = ConcurrentHashMap.newKeySet();
    final UserFlow counting = vu -> {
        iterations.incrementAndGet();
        seenUsers.add(vu.index());
    };
    ClosedExecutor executor;
    ScenarioMetrics metrics;
    Thread loop;

    void start(Plans.Bound bound, Segment segment) {
        Scenario sc = bound.scenario();
        metrics = new ScenarioMetrics(sc.name(), sc.model(), sc.phases().stream().map(Phase::name).toList());
        executor = new ClosedExecutor(sc, bound.code(), metrics, clock, segment, Guardrails.NONE, events);
        long start = clock.nanoTime();
        loop = new Thread(() -> {
            try {
                executor.runLoad(start);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        loop.start();
        settle();
    }

    void start(Plans.Bound sc) {
        start(sc, Segment.ALL);
    }

    /** Waits until the controller, the think timer and every running user are parked on the fake clock again. */
    void settle() {
        Await.until("controller, timer and users park", () -> !loop.isAlive()
                ? metrics.activeUsers().get() == 0
                : clock.parkedCount() >= 2 + executor.runningThreads());
    }

    void run(long nanos) {
        for (long done = 0; done < nanos; done += 10 * MS) {
            clock.advance(10 * MS);
            settle();
        }
    }

    static Plans.Bound paced(Plans.Bound s) {
        return Plans.withPacing(s, ThinkTime.constant(Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (executor != null) executor.stop();
        if (loop != null) loop.join(5_000);
    }

    @Test
    void usersFollowARampUpAndHold() throws InterruptedException {
        start(paced(scenario("s", counting, rampUsers("up", 0, 10, s(10)), holdUsers("hold", 10, s(5)))));
        run(5 * S);
        assertThat(metrics.activeUsers().get()).isEqualTo(5);
        assertThat(metrics.target()).isEqualTo(5);
        run(6 * S);
        assertThat(metrics.activeUsers().get()).isEqualTo(10);
        run(4 * S + 10 * MS);
        loop.join(5_000);
        assertThat(loop.isAlive()).isFalse();
        assertThat(metrics.activeUsers().get()).isZero();
        assertThat(seenUsers).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        // user j starts at (j+½) s, when the ramp reaches j+½ and rounds to j+1 users, and iterates
        // every second until 15 s: 15 − (j+½) iterations, rounded up.
        long expected = 0;
        for (int j = 0; j < 10; j++) expected += 15 - j;
        assertThat(iterations.get()).isBetween(expected, expected + 10);
        assertThat(metrics.lagTotal(1).getMaxValue()).isZero();
    }

    /**
     * Runs a users plan on fake time with a tick each second, as a run would, and returns its
     * summary's achieved share; checks that every second's target and achieved users agree.
     */
    double achievedOnAnIdleGenerator(Phase phase) {
        Plans.Bound sc = paced(scenario("s", counting, phase));
        long begin = clock.nanoTime();
        start(sc);
        MetricsReporter reporter = new MetricsReporter(List.of(metrics), begin);
        List<TimelinePoint> timeline = new ArrayList<>();
        long seconds = phase.durationNanos() / S;
        for (int t = 1; t <= seconds; t++) {
            run(S);
            ScenarioTick tick = reporter.tick(clock.nanoTime(), 0).scenarios().get(0);
            timeline.add(TimelinePoint.of(tick, t));
            assertThat(tick.achieved()).as("users achieved in second %d", t).isCloseTo(tick.target(), within(0.011));
        }
        return SummaryBuilder.scenario(sc.scenario(), metrics, timeline, clock.nanoTime()).achieved();
    }

    @Test
    void anIdleGeneratorAchievesTheUsersOfARamp() {
        // with users started at the whole part of the plan, a ramp 0..10 over 10 s ran 4.5 users where 5 were planned
        assertThat(achievedOnAnIdleGenerator(rampUsers("up", 0, 10, s(10)))).isGreaterThanOrEqualTo(0.995);
    }

    @Test
    void anIdleGeneratorAchievesTheUsersOfASlowRamp() {
        assertThat(achievedOnAnIdleGenerator(rampUsers("up", 0, 10, s(60)))).isGreaterThanOrEqualTo(0.995);
    }

    @Test
    void anIdleGeneratorAchievesTheUsersOfASine() {
        Phase sine = new Phase("waves", LoadModel.CLOSED, new Sine(20, 15, Duration.ofSeconds(7), 0, Duration.ofSeconds(21)));
        assertThat(achievedOnAnIdleGenerator(sine)).isGreaterThanOrEqualTo(0.995);
    }

    @Test
    void anIdleGeneratorAchievesTheUsersOfSteps() {
        Phase steps = new Phase("stairs", LoadModel.CLOSED, new Step(List.of(2.0, 5.0, 9.0), Duration.ofMillis(2500), 2));
        assertThat(achievedOnAnIdleGenerator(steps)).isGreaterThanOrEqualTo(0.995);
    }

    @Test
    void theConsoleAndTheTimelineReadTheSameSecond() {
        // the timeline's point and the console's line both come from one tick: the plan's mean over it
        Plans.Bound sc = paced(scenario("s", counting, rampUsers("up", 0, 10, s(10))));
        long begin = clock.nanoTime();
        start(sc);
        MetricsReporter reporter = new MetricsReporter(List.of(metrics), begin);
        run(S);
        reporter.tick(clock.nanoTime(), 0);
        run(S);
        ScenarioTick second = reporter.tick(clock.nanoTime(), 0).scenarios().get(0);
        assertThat(second.target()).isEqualTo(1.5);     // 1 user for half the second, 2 for the other half
        assertThat(second.achieved()).isEqualTo(1.5);
        assertThat(TimelinePoint.of(second, 2).target()).isEqualTo(1.5);
        assertThat(TimelinePoint.of(second, 2).achieved()).isEqualTo(1.5);
    }

    @Test
    void usersRetireSmoothlyOnARampDown() {
        start(paced(scenario("s", counting, holdUsers("hold", 10, s(2)), rampUsers("down", 10, 0, s(5)))));
        run(2 * S);
        assertThat(metrics.activeUsers().get()).isEqualTo(10);
        run(2500 * MS);
        assertThat(metrics.activeUsers().get()).isEqualTo(5);
        run(2500 * MS);
        assertThat(metrics.activeUsers().get()).isZero();
    }

    @Test
    void pausedUsersStopIteratingUntilResumed() {
        start(paced(scenario("s", counting, holdUsers("hold", 4, s(10)))));
        run(2 * S + 500 * MS);
        long before = iterations.get();
        assertThat(before).isEqualTo(12);
        executor.pause("test");
        run(5 * S);
        assertThat(iterations.get()).isEqualTo(before);
        executor.resume("test");
        run(20 * MS);
        assertThat(iterations.get()).isEqualTo(before + 4);
    }

    @Test
    void settingUsersOverridesThePlanForThePhase() {
        start(paced(scenario("s", counting, holdUsers("hold", 4, s(10)))));
        run(S);
        executor.setLoad(7, "test");
        run(20 * MS);
        assertThat(metrics.activeUsers().get()).isEqualTo(7);
        assertThat(events.messages(RunEvent.TYPE_CONTROL)).containsExactly("users set to 7 users for the rest of phase 'hold'");
    }

    @Test
    void aSegmentRunsOnlyItsUsers() {
        start(paced(scenario("s", counting, holdUsers("hold", 10, s(2)))), new Segment(0, 4));
        run(100 * MS);
        assertThat(metrics.activeUsers().get()).isEqualTo(3);
        assertThat(seenUsers).containsExactlyInAnyOrder(0L, 4L, 8L);
        assertThat(metrics.target()).isEqualTo(3);
    }

    @Test
    void stoppingRetiresThinkingUsersAtOnce() throws InterruptedException {
        start(paced(scenario("s", counting, holdUsers("hold", 5, s(60)))));
        run(100 * MS);
        executor.stop();
        loop.join(5_000);
        Await.until("users leave", () -> metrics.activeUsers().get() == 0);
        assertThat(iterations.get()).isEqualTo(5);
    }

    @Test
    void aThinkingUserHoldsNoThread() {
        start(paced(scenario("s", counting, holdUsers("hold", 50, s(10)))));
        run(100 * MS);
        assertThat(metrics.activeUsers().get()).isEqualTo(50);
        assertThat(executor.runningThreads()).isZero();
        assertThat(iterations.get()).isEqualTo(50);
        run(S);
        assertThat(iterations.get()).isEqualTo(100);
    }

    @Test
    void aThinkingUserRetiresAtOnce() {
        start(paced(scenario("s", counting, holdUsers("hold", 10, s(1)), holdUsers("fewer", 2, s(10)))));
        run(S + 20 * MS);
        assertThat(metrics.activeUsers().get()).isEqualTo(2);
    }
}
