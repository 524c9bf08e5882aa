package io.barrage.engine.prometheus;

import static io.barrage.engine.testing.Plans.holdRate;
import static io.barrage.engine.testing.Plans.ms;
import static io.barrage.engine.testing.Plans.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.barrage.engine.output.Output;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.run.GeneratorProbe;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunOptions;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.summary.RunSummary;
import io.barrage.engine.summary.ScenarioSummary;
import io.barrage.engine.testing.Plans;
import io.barrage.engine.testing.RealPrometheus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code remote-write} output into a real Prometheus 2.42 receiver
 * ({@code --web.enable-remote-write-receiver}), with native histograms on and off: what Prometheus
 * stored equals the summary exactly.
 */
class RemoteWriteTest {
    @TempDir Path dir;

    static TestPlan plan() {
        return plan(2500);
    }

    static TestPlan plan(long millis) {
        return Plans.plan("written", scenario("api", vu -> {
            long now = vu.clock().nanoTime();
            long took = 500_000L + vu.random().nextInt(30_000_000);
            vu.step("GET /y").record(vu.intendedStart(now), now, now + took, vu.random().nextInt(8) == 0 ? "status_5xx" : null);
        }, holdRate("steady", 150, ms(millis))));
    }

    RunSummary run(Output out, List<RunEvent> events) throws Exception {
        return run(plan(), out, events);
    }

    RunSummary run(TestPlan plan, Output out, List<RunEvent> events) throws Exception {
        Output recorder = new Output() {
            @Override public void onEvent(RunEvent e) { events.add(e); }
        };
        Run run = Run.prepare(plan, RunOptions.defaults().withProbe(GeneratorProbe.IDLE)
                .withLabels(Map.of("experiment", "rw-1")).withOutputs(List.of(out, recorder)));
        run.awaitReady();
        run.start();
        return run.await();
    }

    @Test
    void aPrometheusWithNativeHistogramsStoresTheRunExactly() throws Exception {
        Files.createDirectories(dir.resolve("p"));
        try (RealPrometheus p = RealPrometheus.start(dir.resolve("p"), List.of(), "--web.enable-remote-write-receiver", "--enable-feature=native-histograms")) {
            RemoteWriteOutput out = new RemoteWriteOutput(URI.create(p.url() + "/api/v1/write"), RemoteWriteOutput.Native.AUTO);
            RunSummary summary = run(out, new CopyOnWriteArrayList<>());
            ScenarioSummary api = summary.scenario("api");
            long requests = api.total().requests();
            assertThat(out.lost()).isZero();
            assertThat(out.written()).isGreaterThanOrEqualTo(3);
            assertThat(out.nativeHistograms()).isTrue();
            String sel = "{experiment=\"rw-1\",scenario=\"api\",step=\"GET /y\"}";
            assertThat(p.value("sum(last_over_time(barrage_requests_total" + sel + "[5m]))")).isEqualTo((double) requests);
            assertThat(p.value("sum(last_over_time(barrage_errors_total{kind=\"status_5xx\"}[5m]))"))
                    .isEqualTo((double) api.total().errorsByKind().get("status_5xx"));
            JsonNode latency = p.query("barrage_latency_seconds" + sel);
            assertThat(latency).hasSize(1);
            assertThat(latency.get(0).has("histogram")).as("native: %s", latency).isTrue();
            assertThat(p.value("histogram_count(sum(barrage_latency_seconds" + sel + "))")).isEqualTo((double) requests);
            double p99 = api.total().latency().p99() / 1000;
            assertThat(p.value("histogram_quantile(0.99, sum(barrage_latency_seconds" + sel + "))")).isCloseTo(p99, within(p99 * 0.03));
        }
    }

    @Test
    void aPrometheusWithoutNativeHistogramsGetsClassicBucketsAfterItsFirstRefusal() throws Exception {
        Files.createDirectories(dir.resolve("p"));
        try (RealPrometheus p = RealPrometheus.start(dir.resolve("p"), List.of(), "--web.enable-remote-write-receiver")) {
            RemoteWriteOutput out = new RemoteWriteOutput(URI.create(p.url() + "/api/v1/write"), RemoteWriteOutput.Native.AUTO);
            List<RunEvent> events = new CopyOnWriteArrayList<>();
            RunSummary summary = run(out, events);
            long requests = summary.scenario("api").total().requests();
            assertThat(out.nativeHistograms()).isFalse();
            assertThat(out.lost()).isZero();
            String sel = "{experiment=\"rw-1\",scenario=\"api\",step=\"GET /y\"}";
            assertThat(p.value("sum(last_over_time(barrage_requests_total" + sel + "[5m]))")).isEqualTo((double) requests);
            assertThat(p.value("sum(barrage_latency_seconds_count" + sel + ")")).isEqualTo((double) requests);
            assertThat(p.value("sum(barrage_latency_seconds_bucket" + sel.replace("}", ",le=\"+Inf\"}") + ")")).isEqualTo((double) requests);
            assertThat(events).noneMatch(e -> e.type().equals(RunEvent.TYPE_WARNING));
        }
    }

    @Test
    void aReceiverThatIsDownCostsTheRunNothingButCountedLosses() throws Exception {
        RemoteWriteOutput out = new RemoteWriteOutput(URI.create("http://127.0.0.1:" + RealPrometheus.freePort() + "/api/v1/write"), RemoteWriteOutput.Native.AUTO);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunSummary summary = run(plan(5000), out, events);   // long enough for a first write's retries to end within it
        assertThat(summary.exitCode()).isZero();
        assertThat(summary.scenario("api").total().requests()).isGreaterThan(600);
        assertThat(out.written()).isZero();
        assertThat(out.lost()).isGreaterThanOrEqualTo(1);
        assertThat(events).filteredOn(e -> e.type().equals(RunEvent.TYPE_WARNING)).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("remote write to http://127.0.0.1:").contains("the run goes on"));
    }

    @Test
    void snappyLiteralsAreAValidBlockThatSnappyJavaReads() throws Exception {
        byte[] data = new byte[200_000];
        new java.util.Random(3).nextBytes(data);
        assertThat(org.xerial.snappy.Snappy.uncompress(Snappy.literals(data))).isEqualTo(data);
        assertThat(org.xerial.snappy.Snappy.uncompress(Snappy.literals(new byte[] {1, 2, 3}))).containsExactly(1, 2, 3);
        assertThat(org.xerial.snappy.Snappy.uncompress(Snappy.literals(new byte[100]))).hasSize(100);
    }
}
