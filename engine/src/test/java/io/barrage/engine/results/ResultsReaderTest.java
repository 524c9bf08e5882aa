package io.barrage.engine.results;

import static io.barrage.engine.testing.Plans.holdRate;
import static io.barrage.engine.testing.Plans.ms;
import static io.barrage.engine.testing.Plans.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barrage.engine.run.TestPlan;
import io.barrage.engine.run.GeneratorProbe;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunOptions;
import io.barrage.engine.summary.PhaseSummary;
import io.barrage.engine.summary.RunSummary;
import io.barrage.engine.summary.ScenarioSummary;
import io.barrage.engine.summary.StepSummary;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A results directory read back: the same summary, and percentiles rebuilt from the interval log equal to the live ones. */
class ResultsReaderTest {

    @Test
    void aSummaryRebuiltFromTheIntervalLogHasTheLiveCountsAndPercentiles(@TempDir Path base) throws Exception {
        TestPlan plan = io.barrage.engine.testing.Plans.plan("rebuilt", 
                scenario("api", vu -> {
                    long now = vu.clock().nanoTime();
                    // spread values over several histogram buckets, and two steps
                    long took = ThreadLocalRandom.current().nextLong(200_000, 40_000_000);
                    vu.step(vu.index() % 3 == 0 ? "POST /cart" : "GET /items").record(vu.intendedStart(now), now, now + took,
                            vu.index() % 7 == 0 ? "status_5xx" : null);
                    vu.step("GET /items").recordTimings(-1, -1, 150_000 + took / 10, -1, 20_000, took / 2, took / 3);
                }, holdRate("warm", 120, ms(350)), holdRate("steady", 60, ms(450))),
                scenario("other", vu -> {
                    long now = vu.clock().nanoTime();
                    vu.step("GET /health").record(vu.intendedStart(now), now, now + 1_000_000 + vu.index() * 10_000L, null);
                }, holdRate("only", 40, ms(500))));
        RunSummary live = Run.start(plan, RunOptions.defaults().withResultsDir(base).withTickInterval(ms(100))
                .withProbe(GeneratorProbe.IDLE)).await();
        Path dir = ResultsWriterTest.runDir(base);

        ResultsReader.Results read = ResultsReader.read(dir);

        assertThat(read.summary()).usingRecursiveComparison().isEqualTo(live);
        assertThat(read.intervals()).isNotEmpty().allSatisfy(i -> assertThat(i.endEpochMillis()).isGreaterThanOrEqualTo(i.startEpochMillis()));
        assertThat(read.events()).extracting(e -> e.message()).contains("run started: rebuilt", "load started");
        for (ScenarioSummary sc : live.scenarios()) {
            assertThat(sc.total().requests()).isPositive();
            assertThat(read.latency(sc.name(), null, null)).as(sc.name()).isEqualTo(sc.total().latency());
            assertThat(read.service(sc.name(), null, null)).as(sc.name()).isEqualTo(sc.total().service());
            assertThat(read.lag(sc.name(), null)).as(sc.name() + " lag").isEqualTo(sc.lag());
            assertThat(read.latency(sc.name(), null, null).count()).isEqualTo(sc.total().requests());
            for (StepSummary st : sc.steps()) {
                assertThat(read.latency(sc.name(), st.name(), null)).as(st.name()).isEqualTo(st.stats().latency());
                assertThat(read.service(sc.name(), st.name(), null)).as(st.name()).isEqualTo(st.stats().service());
                st.timings().forEach((name, p) -> assertThat(read.timing(sc.name(), st.name(), name)).as(st.name() + " " + name).isEqualTo(p));
            }
            for (PhaseSummary ph : sc.phases()) {
                assertThat(read.latency(sc.name(), null, ph.name())).as(ph.name()).isEqualTo(ph.stats().latency());
                assertThat(read.lag(sc.name(), ph.name())).as(ph.name() + " lag").isEqualTo(ph.lag());
            }
        }
        assertThat(live.scenario("api").steps()).hasSize(2);
        assertThat(live.scenario("api").steps()).filteredOn(st -> st.name().equals("GET /items")).singleElement().satisfies(st -> assertThat(st.timings()).isNotEmpty());
    }

    @Test
    void aDirectoryWithoutASummaryIsOneClearLine(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ResultsReader.read(dir.resolve("nope"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageEndingWith("nope: not a results directory");
        assertThatThrownBy(() -> ResultsReader.read(dir)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no summary.json");
        Files.writeString(dir.resolve("summary.json"), "{\"schema\": ");
        assertThatThrownBy(() -> ResultsReader.read(dir)).hasMessageStartingWith(dir.resolve("summary.json") + ": not a barrage summary: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aBrokenEventLineNamesItsLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("events.jsonl"), "{\"time\":\"2026-12-03T00:00:00Z\",\"t\":0,\"type\":\"run\",\"origin\":\"plan\",\"message\":\"a\"}\n{oops\n");
        assertThatThrownBy(() -> ResultsReader.events(dir.resolve("events.jsonl"))).hasMessageStartingWith(dir.resolve("events.jsonl") + ":2: not a JSON event");
    }
}
