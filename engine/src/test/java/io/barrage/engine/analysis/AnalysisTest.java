package io.barrage.engine.analysis;

import static io.barrage.engine.testing.Plans.holdRate;
import static io.barrage.engine.testing.Plans.ms;
import static io.barrage.engine.testing.Plans.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.metrics.Tally;
import io.barrage.engine.model.Assertion;
import io.barrage.engine.output.Output;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.results.ResultsReader;
import io.barrage.engine.run.GeneratorProbe;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunOptions;
import io.barrage.engine.summary.AssertionResult;
import io.barrage.engine.summary.RunSummary;
import io.barrage.engine.summary.ScenarioSummary;
import io.barrage.engine.summary.TimelinePoint;
import io.barrage.engine.testing.Plans;
import io.barrage.engine.validation.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new analysis is one class plus its registration with a scenario: the engine carries its tally,
 * score, timeline fields, events, summary section and assertions without knowing it.
 */
class AnalysisTest {

    /** Test-only: the share of calls whose outcome was "hit", with an event when it first drops under a half. */
    record HitRatio(double alarm) implements Analysis {
        static final String TALLY = "outcome";

        @Override public String name() { return "hits"; }

        @Override public double score(Map<String, Map<String, Long>> tallies) {
            Map<String, Long> t = tallies.getOrDefault(TALLY, Map.of());
            long all = t.values().stream().mapToLong(Long::longValue).sum();
            return all == 0 ? Double.NaN : (double) t.getOrDefault("hit", 0L) / all;
        }

        @Override public Map<String, Object> timeline(Map<String, Map<String, Long>> interval, double score) {
            return Double.isNaN(score) ? Map.of() : Map.of("hitRatio", Math.round(score * 100) / 100.0);
        }

        @Override public Watch watch() {
            return new Watch() {
                boolean said;

                @Override public Finding observe(long from, long to, double score, Map<String, Map<String, Long>> interval) {
                    if (said || !(score < alarm)) return null;
                    said = true;
                    return new Finding("hit ratio under " + alarm, Map.of("score", score));
                }
            };
        }

        @Override public Object summary(Map<String, Map<String, Long>> total, Map<String, Map<String, Map<String, Long>>> byPhase, Watch watch) {
            return Map.of("hit", total.getOrDefault(TALLY, Map.of()).getOrDefault("hit", 0L), "phases", byPhase.keySet());
        }

        @Override public List<Problem> validate(String where) {
            return alarm >= 0 && alarm <= 1 ? List.of() : List.of(Problem.of(where, this, "alarm", "alarm must be between 0 and 1"));
        }
    }

    @Test
    void anAnalysisReachesTheTimelineTheEventsTheSummaryTheAssertionsAndTheResultsFiles(@TempDir Path base) throws Exception {
        // every third call is a miss: a hit ratio of 2/3, under the alarm of 0.9
        var sc = Plans.withAnalyses(Plans.withAssertions(scenario("cache", vu -> {
                    Tally outcome = vu.tally(HitRatio.TALLY);
                    outcome.record(vu.index() % 3 == 0 ? "miss" : "hit");
                }, holdRate("h", 60, ms(500))),
                Assertion.score("hits", Assertion.Op.GT, 0.6, null, "score('hits') > 60%"),
                Assertion.score("hits", Assertion.Op.GT, 0.9, "h", "score('hits', phase: 'h') > 90%")),
                new HitRatio(0.9));
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        Output listening = new Output() {
            @Override public void onEvent(RunEvent e) {
                events.add(e);
            }
        };
        RunSummary live = Run.start(Plans.plan("p", sc), RunOptions.defaults().withTickInterval(ms(100)).withProbe(GeneratorProbe.IDLE)
                .withResultsDir(base).withOutputs(List.of(listening))).await();

        ScenarioSummary s = live.scenario("cache");
        assertThat(s.analyses()).containsOnlyKeys("hits");
        @SuppressWarnings("unchecked") Map<String, Object> section = (Map<String, Object>) s.analyses().get("hits");
        assertThat(((Number) section.get("hit")).longValue()).isEqualTo(s.iterations() - (s.iterations() + 2) / 3);
        assertThat(section.get("phases")).isEqualTo(List.of("h"));
        assertThat(s.timeline()).anySatisfy(p -> assertThat(p.analyses()).containsKey("hitRatio"));
        assertThat(events).filteredOn(e -> e.type().equals("hits")).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("hit ratio under 0.9"));
        assertThat(live.assertions()).extracting(AssertionResult::passed).containsExactly(true, false);

        // the same section and timeline fields come back from summary.json
        Path dir;
        try (var list = Files.list(base)) {
            dir = list.findFirst().orElseThrow();
        }
        RunSummary read = ResultsReader.read(dir).summary();
        ScenarioSummary r = read.scenario("cache");
        assertThat(r.analyses()).isEqualTo(s.analyses());
        assertThat(r.timeline()).isEqualTo(s.timeline());
        assertThat(Files.readString(dir.resolve("events.jsonl"))).contains("\"type\":\"hits\"");
    }

    @Test
    void anAssertionOnAnAnalysisTheScenarioLacksAndABadAnalysisAreProblems() {
        var sc = Plans.withAnalyses(Plans.withAssertions(scenario("s", vu -> {}, holdRate("h", 1, ms(100))),
                Assertion.score("balance", Assertion.Op.GT, 0.9, null, "balance > 90%")), new HitRatio(2), new HitRatio(0.5));
        List<String> problems = Plans.plan("p", sc).validate().stream().map(Problem::message).toList();
        assertThat(problems).contains(
                "'balance' is not analysed in scenario 's' (its analyses: hits, hits): add balance { } to it",
                "scenario 's' has two analyses named 'hits'",
                "alarm must be between 0 and 1");
    }

    @Test
    void aTimelinePointWithoutAnalysesHasNoExtraFields() {
        TimelinePoint p = new TimelinePoint(1, "h", 1, 1, 1, null, null, null, 0, 0, 1, null);
        assertThat(p.analyses()).isEmpty();
    }
}
