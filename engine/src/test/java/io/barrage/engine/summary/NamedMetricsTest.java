package io.barrage.engine.summary;

import static io.barrage.engine.testing.Plans.holdRate;
import static io.barrage.engine.testing.Plans.ms;
import static io.barrage.engine.testing.Plans.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barrage.engine.metrics.ScenarioMetrics;
import io.barrage.engine.metrics.StepMetrics;
import io.barrage.engine.metrics.Tick;
import io.barrage.engine.model.Assertion;
import io.barrage.engine.pattern.LoadModel;
import io.barrage.engine.validation.Problem;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.output.Output;
import io.barrage.engine.results.ResultsReader;
import io.barrage.engine.run.GeneratorProbe;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunOptions;
import io.barrage.engine.testing.Plans;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A protocol's own timings and counters reach the interval log, the ticks, the summary and the assertions by name. */
class NamedMetricsTest {

    static Assertion named(Assertion.Stat stat, Assertion.Op op, double limit, Assertion.Unit unit, String step, String text, String metric) {
        return new Assertion(stat, null, op, limit, unit, step, null, text, metric);
    }

    @Test
    void aProtocolsTimingAndCounterAreJudgedByName(@TempDir Path base) throws Exception {
        var sc = Plans.withAssertions(scenario("chat", vu -> {
                    long now = vu.clock().nanoTime();
                    StepMetrics step = vu.step("POST /chat");
                    step.record(vu.intendedStart(now), now, now + 30_000_000, null);
                    step.timing("ttft").record(4_000_000 + (vu.index() % 10) * 1_000_000L);   // 4..13 ms
                    step.counter("tokens").add(25);
                }, holdRate("h", 50, ms(400))),
                named(Assertion.Stat.P95, Assertion.Op.LT, 100, Assertion.Unit.MILLIS, null, "timing('ttft').p95 < 100ms", "ttft"),
                named(Assertion.Stat.MAX, Assertion.Op.LT, 10, Assertion.Unit.MILLIS, "POST /chat", "timing('ttft').max('POST /chat') < 10ms", "ttft"),
                named(Assertion.Stat.COUNTER, Assertion.Op.GE, 20 * 25, Assertion.Unit.COUNT, null, "counter('tokens') >= 500", "tokens"),
                named(Assertion.Stat.COUNTER, Assertion.Op.GT, 0, Assertion.Unit.COUNT, null, "counter('messages') > 0", "messages"));
        Map<String, Long> tickTokens = new ConcurrentHashMap<>();
        AtomicLong tokensSeen = new AtomicLong();
        Output counting = new Output() {
            @Override public void onInterval(Tick tick) {
                tick.scenarios().forEach(s -> s.counters().getOrDefault("tokens", Map.of()).forEach((step, n) -> {
                    tickTokens.merge(step, n, Long::sum);
                    tokensSeen.addAndGet(n);
                }));
            }
        };
        RunSummary summary = Run.start(io.barrage.engine.testing.Plans.plan("t", sc), RunOptions.defaults().withTickInterval(ms(100))
                .withProbe(GeneratorProbe.IDLE).withResultsDir(base).withOutputs(List.of(counting))).await();

        ScenarioSummary s = summary.scenario("chat");
        long calls = s.total().requests();
        assertThat(calls).isEqualTo(20);
        StepSummary step = s.steps().get(0);
        assertThat(step.counters()).containsExactly(Map.entry("tokens", 25 * calls));
        assertThat(step.timings()).containsKey("ttft");
        assertThat(step.timings().get("ttft").count()).isEqualTo(calls);
        assertThat(step.timings().get("ttft").max()).isCloseTo(13.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(tickTokens).containsExactly(Map.entry("POST /chat", 25 * calls));
        assertThat(summary.assertions()).extracting(AssertionResult::text, AssertionResult::passed, AssertionResult::actual).containsExactly(
                org.assertj.core.groups.Tuple.tuple("timing('ttft').p95 < 100ms", true, "13.01ms"),
                org.assertj.core.groups.Tuple.tuple("timing('ttft').max('POST /chat') < 10ms", false, "13.01ms"),
                org.assertj.core.groups.Tuple.tuple("counter('tokens') >= 500", true, Long.toString(25 * calls)),
                org.assertj.core.groups.Tuple.tuple("counter('messages') > 0", false, "n/a (no counter 'messages' was recorded)"));
        // the interval log holds the protocol's timing as it holds HTTP's
        Path dir;
        try (var l = Files.list(base)) {
            dir = l.findFirst().orElseThrow();
        }
        assertThat(ResultsReader.read(dir).timing("chat", "POST /chat", "ttft")).isEqualTo(step.timings().get("ttft"));
    }

    @Test
    void namesAreCheckedAndTheThreeTimingsAreNotTaken() {
        StepMetrics step = new ScenarioMetrics("s", LoadModel.OPEN, List.of("p")).step("GET /");
        assertThat(step.timing("ttft")).isSameAs(step.timing("ttft"));
        assertThat(step.timing("connect")).isNotNull();
        assertThat(step.timingNamesInUse()).endsWith("ttft").startsWith("wait", "dns", "connect");
        assertThatThrownBy(() -> step.timing("latency")).hasMessage("'latency' is one of the three timings every call has; name a timing of your own");
        assertThatThrownBy(() -> step.counter("Tokens")).hasMessageStartingWith("'Tokens' is not a counter name");
        step.counter("tokens").add(-3);
        assertThat(step.counterTotals()).containsExactly(Map.entry("tokens", 0L));
    }

    @Test
    void aNamedAssertionThatCannotBeJudgedIsAProblem() {
        assertThat(new Assertion(Assertion.Stat.COUNTER, null, Assertion.Op.GT, 1, Assertion.Unit.COUNT, null, null, "counter > 1").validate("s"))
                .extracting(Problem::message).containsExactly("counter needs the name of a counter: counter('tokens')");
        assertThat(new Assertion(Assertion.Stat.P95, null, Assertion.Op.LT, 5, Assertion.Unit.MILLIS, null, "steady", "t", "ttft").validate("s"))
                .extracting(Problem::message).containsExactly("named timings and counters are kept per step for the whole run, not per phase");
        assertThat(new Assertion(Assertion.Stat.COUNTER, null, Assertion.Op.LT, -1, Assertion.Unit.COUNT, null, null, "t", "tokens").validate("s"))
                .extracting(Problem::message).singleElement().asString().startsWith("can never pass");
    }
}
