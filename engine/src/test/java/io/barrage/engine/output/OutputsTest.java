package io.barrage.engine.output;

import static io.barrage.engine.testing.Plans.holdRate;
import static io.barrage.engine.testing.Plans.ms;
import static io.barrage.engine.testing.Plans.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barrage.engine.metrics.MeterValue;
import io.barrage.engine.metrics.Meters;
import io.barrage.engine.metrics.Tick;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.run.GeneratorProbe;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunOptions;
import io.barrage.engine.summary.MeterSummary;
import io.barrage.engine.summary.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An output is one class plus its registration; named counters and gauges reach it and the summary. */
class OutputsTest {

    /** A test-only output: counts intervals and keeps the meters it saw. */
    static final class IntervalCounter implements Output {
        final String label;
        final AtomicInteger intervals = new AtomicInteger();
        final List<List<MeterValue>> meters = new CopyOnWriteArrayList<>();
        volatile String plan;
        volatile RunSummary end;

        IntervalCounter(String label) {
            this.label = label;
        }

        @Override public void onStart(RunView run) { plan = run.planName(); }
        @Override public void onInterval(Tick tick) { intervals.incrementAndGet(); meters.add(tick.meters()); }
        @Override public void onEnd(RunSummary summary) { end = summary; }
    }

    static final class IntervalCounterFactory implements OutputFactory {
        final List<IntervalCounter> made = new ArrayList<>();
        @Override public List<String> options() { return List.of("label"); }
        @Override public String description() { return "counts intervals (a test's)"; }
        @Override public Output create(OutputSpec spec, Context context) {
            IntervalCounter c = new IntervalCounter(spec.option("label", "none"));
            made.add(c);
            return c;
        }
    }

    @Test
    void aRegisteredOutputSeesEveryIntervalAndTheMetersOfTheRun() throws Exception {
        IntervalCounterFactory factory = new IntervalCounterFactory();
        Outputs registry = new Outputs().register("count-intervals", factory);
        List<Output> outputs = registry.create(List.of(OutputSpec.parse("count-intervals:label=a")), new OutputFactory.Context(null, "p"));
        TestPlan plan = io.barrage.engine.testing.Plans.plan("p", scenario("api", vu -> {
            long now = vu.clock().nanoTime();
            vu.step("GET /x").record(vu.intendedStart(now), now, now + 1_000_000, null);
        }, holdRate("h", 50, ms(400))));
        Run run = Run.prepare(plan, RunOptions.defaults().withTickInterval(ms(100)).withProbe(GeneratorProbe.IDLE).withOutputs(outputs));
        Meters.Counter jobs = run.meters().counter("queue_jobs_pushed_total", Map.of("queue", "emails"));
        run.meters().gauge("queue_depth", Map.of("queue", "emails"), () -> 7);
        jobs.add(3);
        jobs.add(-5);   // ignored: a counter never goes down
        run.awaitReady();
        assertThat(run.state()).isEqualTo("ready");
        run.start();
        RunSummary summary = run.await();

        IntervalCounter c = factory.made.get(0);
        assertThat(c.label).isEqualTo("a");
        assertThat(c.plan).isEqualTo("p");
        assertThat(c.intervals.get()).isEqualTo(summary.scenario("api").timeline().size()).isGreaterThan(0);
        assertThat(c.end).isSameAs(summary);
        List<MeterValue> first = c.meters.get(0);
        assertThat(first).extracting(MeterValue::name).containsExactly("queue_depth", "queue_jobs_pushed_total");
        assertThat(first.get(1).value()).isEqualTo(3);
        assertThat(first.get(1).increase()).isEqualTo(3);
        assertThat(c.meters.get(1).get(1).increase()).isZero();
        assertThat(first.get(0).value()).isEqualTo(7);
        assertThat(summary.meters()).containsExactly(new MeterSummary("queue_depth", Map.of("queue", "emails"), "gauge", 7.0),
                new MeterSummary("queue_jobs_pushed_total", Map.of("queue", "emails"), "counter", 3.0));
    }

    @Test
    void aRunStartedAtAnInstantWaitsForIt() throws Exception {
        TestPlan plan = io.barrage.engine.testing.Plans.plan("p", scenario("api", vu -> { }, holdRate("h", 20, ms(100))));
        Run run = Run.prepare(plan, RunOptions.defaults().withTickInterval(ms(50)).withProbe(GeneratorProbe.IDLE));
        run.awaitReady();
        long at = System.currentTimeMillis() + 300;
        run.startAt(java.time.Instant.ofEpochMilli(at));
        RunSummary s = run.await();
        assertThat(java.time.Instant.parse(s.endedAt()).toEpochMilli()).isGreaterThanOrEqualTo(at);
        assertThatThrownBy(run::start).isInstanceOf(IllegalStateException.class).hasMessage("the run was started already");
    }

    @Test
    void aPreparedRunStoppedBeforeItsStartEndsWithoutLoad() throws Exception {
        TestPlan plan = io.barrage.engine.testing.Plans.plan("p", scenario("api", vu -> { }, holdRate("h", 20, ms(100))));
        Run run = Run.prepare(plan, RunOptions.defaults().withProbe(GeneratorProbe.IDLE));
        run.awaitReady();
        run.stop("changed my mind", "test");
        RunSummary s = run.await();
        assertThat(s.status()).isEqualTo("aborted");
        assertThat(s.scenarios()).isEmpty();   // no load ran
        assertThat(s.reason()).isEqualTo("changed my mind");
    }

    @Test
    void badSpecsAndNamesAreOneLineEach() {
        Outputs registry = new Outputs().register("count-intervals", new IntervalCounterFactory());
        assertThatThrownBy(() -> registry.check(OutputSpec.parse("count-interval"))).hasMessage(
                "unknown output 'count-interval'; did you mean 'count-intervals'? (known: count-intervals)");
        assertThatThrownBy(() -> registry.check(OutputSpec.parse("count-intervals:lable=x"))).hasMessage(
                "output 'count-intervals': unknown setting 'lable'; did you mean 'label'? (known: label)");
        assertThatThrownBy(() -> OutputSpec.parse("count-intervals:label")).hasMessage("output 'count-intervals:label': 'label' is not key=value");
        assertThatThrownBy(() -> OutputSpec.parse("Count")).hasMessageStartingWith("output 'Count': the name must be");
        assertThatThrownBy(() -> registry.register("count-intervals", new IntervalCounterFactory())).hasMessage("output 'count-intervals' is registered already");
        assertThat(OutputSpec.parse("junit:file=a=b.xml,x=1").options()).containsExactly(Map.entry("file", "a=b.xml"), Map.entry("x", "1"));
        Meters m = new Meters();
        assertThatThrownBy(() -> m.counter("9lives", Map.of())).hasMessageStartingWith("'9lives' is not a metric name");
        assertThatThrownBy(() -> m.counter("x", Map.of("__name", "a"))).hasMessageStartingWith("metric 'x': '__name' is not a label name");
        m.gauge("g", Map.of());
        assertThatThrownBy(() -> m.counter("g", Map.of())).hasMessage("'g' is a gauge already, not a counter");
        m.counter("c", Map.of("k", "v")).increment();
        assertThat(m.remove("c", Map.of("k", "v"))).isTrue();
        assertThat(m.snapshot()).extracting(MeterValue::name).containsExactly("g");
    }

    @Test
    void whenOneOutputCannotBeBuiltThoseBuiltBeforeItAreAbandonedAndLeaveNothing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Outputs registry = new Outputs().register("results", io.barrage.engine.results.ResultsWriter.FACTORY)
                .register("broken", new OutputFactory() {
                    @Override public List<String> options() { return List.of(); }
                    @Override public String description() { return "cannot be built (a test's)"; }
                    @Override public Output create(OutputSpec spec, Context context) { throw new IllegalArgumentException("output broken: no"); }
                });
        java.nio.file.Path base = dir.resolve("results");
        assertThatThrownBy(() -> registry.create(List.of(OutputSpec.parse("results:dir=" + base), OutputSpec.parse("broken")),
                new OutputFactory.Context(null, "p")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("output broken: no");
        try (var left = java.nio.file.Files.list(base)) {
            assertThat(left.toList()).isEmpty();   // the run directory the results output made is gone again
        }
    }
}
