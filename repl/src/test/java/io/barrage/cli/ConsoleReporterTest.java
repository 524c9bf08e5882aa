package io.barrage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.metrics.IterationErrors;
import io.barrage.engine.metrics.ScenarioTick;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.summary.IterationErrorSummary;
import io.barrage.engine.summary.ScenarioSummary;
import io.barrage.engine.summary.Stats;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** What the console prints of a second and of a run's failed iterations. */
class ConsoleReporterTest {
    static ScenarioTick tick(LoadModel model, double target, double achieved, int activeUsers, long failed) {
        return new ScenarioTick("s", "up", model, target, achieved, 0, activeUsers, 12, failed, 12, 0, 12, 0, Map.of(),
                new Histogram(3), new Histogram(3), 1.0);
    }

    @Test
    void aRampsProgressLineShowsTargetAndAchievedOverTheSameSecond() {
        // the tick's target is the plan's mean over the second (12.5/s on a ramp from 12 to 13/s)
        assertThat(ConsoleReporter.line(3_000_000_000L, tick(LoadModel.OPEN, 12.5, 12, 0, 0), false))
                .startsWith("00:03 up         rate 12.5/s → 12/s  ");
        // closed model: users planned and users run, both means over the second (not the users at its end)
        assertThat(ConsoleReporter.line(2_000_000_000L, tick(LoadModel.CLOSED, 1.5, 1.5, 2, 0), false))
                .startsWith("00:02 up         users 1.5 → 1.5  ");
    }

    @Test
    void failedIterationsShowOnTheProgressLineApartFromFailedCalls() {
        assertThat(ConsoleReporter.line(1_000_000_000L, tick(LoadModel.OPEN, 20, 20, 0, 20), false))
                .contains("err 0%  iterations failed 20  dropped 0");
    }

    @Test
    void theSummaryListsFailedIterationsByKindAndLine() {
        Stats none = new Stats(100, 0, Map.of(), 0, 20, null, null);
        ScenarioSummary s = new ScenarioSummary("s", "open", Map.of(), none, null, 100,
                new IterationErrorSummary(100, 1.0, List.of(new IterationErrors.Entry("IllegalStateException", "t.groovy:3", "x", 100))),
                100, 0, 1.0, List.of(), List.of(), List.of(), null);
        assertThat(SummaryPrinter.iterationErrors(s)).isEqualTo(
                "  iterations failed: 100 of 100 (100.0%), user code threw (not counted as requests)\n"
                + "    t.groovy:3: IllegalStateException × 100 (first: x)\n");
    }
}
