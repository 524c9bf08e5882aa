package io.barrage.engine.run;

import io.barrage.engine.output.RunEvent;
import static io.barrage.engine.testing.Plans.holdRate;
import static io.barrage.engine.testing.Plans.ms;
import static io.barrage.engine.testing.Plans.s;
import static io.barrage.engine.testing.Plans.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.metrics.MetricsReporter;
import io.barrage.engine.metrics.ScenarioMetrics;
import io.barrage.engine.model.Guardrails;
import io.barrage.engine.model.Phase;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.testing.Await;
import io.barrage.engine.testing.Plans;
import io.barrage.engine.time.FakeClock;
import io.barrage.engine.user.UserFlow;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenExecutorTest {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    record Arrival(long index, long intended, long actual) {}

    final FakeClock clock = new FakeClock();
    final RecordingEvents events = new RecordingEvents();
    final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    final UserFlow recording = vu -> {
        long now = vu.clock().nanoTime();
        arrivals.add(new Arrival(vu.index(), vu.intendedStart(now), now));
    };
    OpenExecutor executor;
    ScenarioMetrics metrics;
    Thread loop;
    long start;

    void start(Plans.Bound bound, Segment segment, Guardrails guardrails) {
        Scenario sc = bound.scenario();
        metrics = new ScenarioMetrics(sc.name(), sc.model(), sc.phases().stream().map(Phase::name).toList());
        executor = new OpenExecutor(sc, bound.code(), metrics, clock, segment, guardrails, events);
        start = clock.nanoTime();
        loop = new Thread(() -> {
            try {
                executor.runLoad(start);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        loop.start();
        clock.awaitParked(1);
    }

    void start(Plans.Bound sc) {
        start(sc, Segment.ALL, Guardrails.NONE);
    }

    /** Moves fake time by {@code nanos} in 1 ms steps, each time letting the scheduler and the arrivals catch up. */
    void run(long nanos) {
        for (long done = 0; done < nanos; done += MS) {
            clock.advance(MS);
            Await.until("the scheduler parks or ends", () -> clock.parkedCount() >= 1 || !loop.isAlive());
            Await.until("arrivals finish", () -> metrics.inFlight().get() == 0 || blocked > 0);
        }
    }

    volatile int blocked;

    @AfterEach
    void stop() throws InterruptedException {
        if (executor != null) executor.stop();
        if (loop != null) loop.join(5_000);
    }

    @Test
    void aSecondsTargetIsThePlansMeanOverThatSecondAsItsAchievedRateIs() {
        // a ramp 10 → 20/s over 10 s: second 3 plans 12 to 13/s, 12.5 arrivals; the target at its end was 13
        start(scenario("s", recording, Plans.rampRate("up", 10, 20, s(10))));
        MetricsReporter reporter = new MetricsReporter(List.of(metrics), start);
        double achieved = 0;
        for (int t = 1; t <= 4; t++) {
            run(S);
            var tick = reporter.tick(clock.nanoTime(), 0).scenarios().get(0);
            assertThat(tick.target()).as("second %d", t).isCloseTo(10 + (t - 0.5), org.assertj.core.api.Assertions.within(0.01));
            achieved += tick.achieved();
        }
        assertThat(achieved).isEqualTo(48.0);   // 10.5 + 11.5 + 12.5 + 13.5 arrivals planned
    }

    @Test
    void aSecondsTargetFollowsPausesAndLiveChangesWithinIt() {
        start(scenario("s", recording, holdRate("steady", 100, s(10))));
        MetricsReporter reporter = new MetricsReporter(List.of(metrics), start);
        run(500 * MS);
        executor.pause("test");                      // half a second at 100/s, half paused (nothing asked)
        run(500 * MS);
        var first = reporter.tick(clock.nanoTime(), 0).scenarios().get(0);
        assertThat(first.target()).isCloseTo(50, org.assertj.core.api.Assertions.within(0.2));
        assertThat(first.achieved()).isEqualTo(50);
        executor.resume("test");
        run(500 * MS);
        executor.setLoad(200, "test");              // then 200/s for the second half
        run(500 * MS);
        var second = reporter.tick(clock.nanoTime(), 0).scenarios().get(0);
        assertThat(second.target()).isCloseTo(150, org.assertj.core.api.Assertions.within(0.5));
        assertThat(second.achieved()).isCloseTo(150, org.assertj.core.api.Assertions.within(1.0));
    }

    @Test
    void arrivalsStartAtTheirIntendedTimesWithGlobalIndices() throws InterruptedException {
        start(scenario("s", recording, holdRate("steady", 100, s(2))));
        run(2 * S + 5 * MS);
        loop.join(5_000);
        assertThat(loop.isAlive()).isFalse();
        List<Arrival> list = arrivals.stream().sorted((a, b) -> Long.compare(a.index, b.index)).toList();
        assertThat(list).hasSize(200);
        for (int k = 0; k < 200; k++) {
            Arrival a = list.get(k);
            assertThat(a.index).isEqualTo(k);
            assertThat(a.intended - start).isEqualTo(5 * MS + k * 10 * MS);
            assertThat(a.actual).isEqualTo(a.intended);
        }
        assertThat(metrics.scheduledTotal(1)).isEqualTo(200);
        assertThat(metrics.iterationsTotal(1)).isEqualTo(200);
        assertThat(metrics.droppedTotal(1)).isZero();
    }

    @Test
    void arrivalsDueWithinTheCoalescingWindowLeaveTogetherAndNeverEarly() throws InterruptedException {
        long step = 50_000L;
        start(scenario("s", recording, holdRate("steady", 20_000, ms(10))));   // one arrival every 50 µs
        for (long t = 0; t < 12 * MS; t += step) {
            clock.advance(step);
            Await.until("the scheduler parks or ends", () -> clock.parkedCount() >= 1 || !loop.isAlive());
            Await.until("arrivals finish", () -> metrics.inFlight().get() == 0);
        }
        loop.join(5_000);
        List<Arrival> list = arrivals.stream().sorted((a, b) -> Long.compare(a.index, b.index)).toList();
        assertThat(list).hasSize(200);
        for (Arrival a : list) assertThat(a.actual - a.intended).isBetween(0L, OpenExecutor.COALESCE_NANOS + step);
        long wakeUps = list.stream().mapToLong(Arrival::actual).distinct().count();
        assertThat(wakeUps).isLessThanOrEqualTo(10 * MS / OpenExecutor.COALESCE_NANOS + 2);
    }

    @Test
    void arrivalsBeyondMaxConcurrencyAreDroppedAndCounted() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        UserFlow stuck = vu -> release.await();
        blocked = 1;
        start(Plans.withMaxConcurrency(scenario("s", stuck, holdRate("steady", 100, s(1))), 10));
        run(S + 5 * MS);
        Await.until("ten arrivals start", () -> metrics.iterationsTotal(1) == 10);
        assertThat(metrics.droppedTotal(1)).isEqualTo(90);
        assertThat(metrics.scheduledTotal(1)).isEqualTo(100);
        assertThat(metrics.inFlight().get()).isEqualTo(10);
        release.countDown();
        Await.until("stuck arrivals finish", () -> metrics.inFlight().get() == 0);
    }

    @Test
    void pauseStopsArrivalsAndTheClockOfThePhase() throws InterruptedException {
        start(scenario("s", recording, holdRate("steady", 100, s(2))));
        run(500 * MS);
        assertThat(arrivals).hasSize(50);
        executor.pause("test");
        run(3 * S);
        assertThat(arrivals).hasSize(50);
        assertThat(executor.phaseClock.index()).isZero();
        executor.resume("test");
        run(1500 * MS + 5 * MS);
        loop.join(5_000);
        assertThat(arrivals).hasSize(200);
        assertThat(events.messages(RunEvent.TYPE_CONTROL)).containsExactly("paused", "resumed after 3s");
    }

    @Test
    void aNewRateHoldsForTheRestOfThePhase() throws InterruptedException {
        start(scenario("s", recording, holdRate("one", 100, s(2)), holdRate("two", 10, s(1))));
        run(S);
        executor.setLoad(50, "test");
        run(2 * S + 5 * MS);
        loop.join(5_000);
        long inOne = metrics.iterationsTotal(1), inTwo = metrics.iterationsTotal(2);
        assertThat(inOne).isBetween(149L, 151L);
        assertThat(inTwo).isEqualTo(10);
        assertThat(events.messages(RunEvent.TYPE_CONTROL)).containsExactly("rate set to 50/s for the rest of phase 'one'");
    }

    @Test
    void scalingMultipliesThePlanFromNowOn() throws InterruptedException {
        start(scenario("s", recording, holdRate("one", 100, s(1)), holdRate("two", 100, s(1))));
        run(500 * MS);
        executor.scaleLoad(2.0, "test");
        run(1500 * MS + 5 * MS);
        loop.join(5_000);
        assertThat(metrics.iterationsTotal(1)).isBetween(149L, 151L);
        assertThat(metrics.iterationsTotal(2)).isEqualTo(200);
    }

    @Test
    void skippingAPhaseStartsTheNextOneNow() throws InterruptedException {
        start(scenario("s", recording, holdRate("warm", 100, s(10)), holdRate("main", 20, s(1))));
        run(300 * MS);
        executor.skipPhase("test");
        run(S + 5 * MS);
        loop.join(5_000);
        assertThat(metrics.iterationsTotal(1)).isEqualTo(30);
        assertThat(metrics.iterationsTotal(2)).isEqualTo(20);
        assertThat(events.messages(RunEvent.TYPE_PHASE)).containsExactly(
                "phase 'warm' began: hold 100 for 10s", "phase 'main' began: hold 20 for 1s");
    }

    @Test
    void extendingAPhaseMakesItLonger() throws InterruptedException {
        start(scenario("s", recording, holdRate("only", 100, s(1))));
        run(500 * MS);
        executor.extendPhase(S, "test");
        run(1500 * MS + 5 * MS);
        loop.join(5_000);
        assertThat(arrivals).hasSize(200);
    }

    @Test
    void aSegmentRunsOnlyItsShareOfTheGlobalSequence() throws InterruptedException {
        start(scenario("s", recording, holdRate("steady", 90, s(1))), new Segment(1, 3), Guardrails.NONE);
        run(500 * MS);
        assertThat(metrics.target()).isEqualTo(30);   // this segment's share of 90/s
        run(500 * MS + 5 * MS);
        loop.join(5_000);
        assertThat(arrivals).hasSize(30);
        assertThat(arrivals).allSatisfy(a -> assertThat(a.index % 3).isEqualTo(1));
        assertThat(metrics.target()).isZero();        // the plan has ended
    }

    @Test
    void theMaxRateGuardrailCapsTheRate() throws InterruptedException {
        start(scenario("s", recording, holdRate("steady", 100, s(1))), Segment.ALL, new Guardrails(null, 40, 0, null));
        run(S + 5 * MS);
        loop.join(5_000);
        assertThat(arrivals).hasSize(40);
        assertThat(events.messages(RunEvent.TYPE_GUARDRAIL)).containsExactly("load capped at maxRate 40/s");
    }

    @Test
    void theReporterSeesTargetAndAchievedRate() {
        start(scenario("s", recording, holdRate("steady", 100, s(5))));
        MetricsReporter reporter = new MetricsReporter(List.of(metrics), start);
        run(S);
        var tick = reporter.tick(clock.nanoTime(), clock.epochMillis()).scenarios().get(0);
        assertThat(tick.target()).isEqualTo(100);
        assertThat(tick.achieved()).isEqualTo(100);
        assertThat(tick.phase()).isEqualTo("steady");
        assertThat(tick.lag().getMaxValue()).isZero();
    }
}
