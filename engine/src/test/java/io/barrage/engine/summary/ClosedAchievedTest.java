package io.barrage.engine.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.metrics.ScenarioMetrics;
import io.barrage.engine.pattern.LoadModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The closed model's "achieved users": a mean over time, not a count at each tick. */
class ClosedAchievedTest {
    private static TimelinePoint point(double t, double target, double achieved) {
        return new TimelinePoint(t, "load", target, achieved, 0, null, null, null, 0, 0, 0, null);
    }

    @Test
    void usersHeldThroughoutAreAllAchievedThoughTheClosingIntervalIsShortAndEmpty() {
        List<TimelinePoint> timeline = new ArrayList<>();
        for (int t = 1; t <= 15; t++) timeline.add(point(t, 64, 64));
        timeline.add(point(15.01, 64, 0));   // the run's closing interval: users gone, 10 ms long
        assertThat(AssertionEvaluator.closedAchieved(timeline, null)).isGreaterThan(0.999);
    }

    @Test
    void halfTheUsersForHalfTheTimeIsThreeQuarters() {
        List<TimelinePoint> timeline = List.of(point(1, 10, 10), point(2, 10, 5));
        assertThat(AssertionEvaluator.closedAchieved(timeline, null)).isEqualTo(0.75);
    }

    @Test
    void anIntervalsUsersAreTheirMeanOverIt() {
        ScenarioMetrics m = new ScenarioMetrics("s", LoadModel.CLOSED, List.of("load"));
        long s = 1_000_000_000L;
        for (int i = 0; i < 10; i++) m.userJoined(0);
        for (int i = 0; i < 10; i++) m.userLeft(s / 2);   // all leave half-way through the first second
        assertThat(m.userNanos(s) / (double) s).isEqualTo(5.0);
        assertThat(m.activeUsers().get()).isZero();
        m.userJoined(s);
        double before = m.userNanos(s);
        assertThat((m.userNanos(3 * s) - before) / (double) (2 * s)).isEqualTo(1.0);
    }
}
