package io.barrage.engine.prometheus;

import static io.barrage.engine.testing.Plans.holdRate;
import static io.barrage.engine.testing.Plans.ms;
import static io.barrage.engine.testing.Plans.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.barrage.engine.control.PrometheusEndpoint;
import io.barrage.engine.metrics.Tick;
import io.barrage.engine.output.Output;
import io.barrage.engine.output.RunView;
import io.barrage.engine.run.GeneratorProbe;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunOptions;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.summary.RunSummary;
import io.barrage.engine.summary.ScenarioSummary;
import io.barrage.engine.summary.StepSummary;
import io.barrage.engine.testing.Plans;
import io.barrage.engine.testing.RealPrometheus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code prometheus} output scraped by a real Prometheus 2.42: one with native histograms on
 * (it asks for the protobuf format) and one without (it reads classic buckets from the text
 * format). After the run, what Prometheus stored equals the summary exactly.
 */
class PrometheusScrapeTest {
    @TempDir Path dir;

    /** Forwards everything to the endpoint but its end, so that it stays up for the last scrapes. */
    static final class KeptOpen implements Output {
        final PrometheusEndpoint endpoint;
        KeptOpen(PrometheusEndpoint endpoint) { this.endpoint = endpoint; }
        @Override public void onStart(RunView run) { endpoint.onStart(run); }
        @Override public void onInterval(Tick tick) { endpoint.onInterval(tick); }
    }

    @Test
    void aRealPrometheusScrapesNativeAndClassicHistogramsThatAgreeWithTheSummary() throws Exception {
        PrometheusEndpoint endpoint = new PrometheusEndpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Duration.ZERO);
        String target = "127.0.0.1:" + endpoint.port();
        Files.createDirectories(dir.resolve("native"));
        Files.createDirectories(dir.resolve("classic"));
        try (RealPrometheus nativeOn = RealPrometheus.start(dir.resolve("native"), List.of(target), "--enable-feature=native-histograms");
             RealPrometheus classic = RealPrometheus.start(dir.resolve("classic"), List.of(target))) {
            TestPlan plan = Plans.plan("scraped", scenario("api", vu -> {
                long now = vu.clock().nanoTime();
                long took = 1_000_000L + vu.random().nextInt(20_000_000);   // 1 to 21 ms
                boolean fails = vu.random().nextInt(10) == 0;
                vu.step("GET /x").record(vu.intendedStart(now), now, now + took, fails ? "status_5xx" : null);
            }, holdRate("steady", 200, ms(3000))));
            Run run = Run.prepare(plan, RunOptions.defaults().withProbe(GeneratorProbe.IDLE)
                    .withLabels(Map.of("experiment", "exp-7")).withOutputs(List.of(new KeptOpen(endpoint))));
            run.awaitReady();
            run.start();
            RunSummary summary = run.await();
            ScenarioSummary api = summary.scenario("api");
            StepSummary step = api.steps().get(0);
            long requests = step.stats().requests();
            long errors = step.stats().errorsByKind().get("status_5xx");
            assertThat(requests).isGreaterThan(400);

            String sel = "{experiment=\"exp-7\",scenario=\"api\",step=\"GET /x\"}";
            for (RealPrometheus p : List.of(nativeOn, classic)) {
                assertThat(p.awaitValue("sum(barrage_requests_total" + sel + ")", v -> v == requests, Duration.ofSeconds(20)))
                        .as("requests in %s", p.url()).isEqualTo((double) requests);
                assertThat(p.value("sum(barrage_errors_total{kind=\"status_5xx\"})")).isEqualTo((double) errors);
                assertThat(p.value("count(barrage_requests_total{run_id=\"" + run.view().labels().get("run_id") + "\"})")).isEqualTo(1.0);
            }
            // native: one series per histogram, its count exact and its p99 within a bucket (2.2 %) of HdrHistogram's
            JsonNode nativeSeries = nativeOn.query("barrage_latency_seconds" + sel);
            assertThat(nativeSeries).hasSize(1);
            assertThat(nativeSeries.get(0).has("histogram")).as("a native histogram: %s", nativeSeries).isTrue();
            assertThat(nativeOn.value("histogram_count(sum(barrage_latency_seconds" + sel + "))")).isEqualTo((double) requests);
            double p99 = api.total().latency().p99() / 1000;   // summary in ms
            assertThat(nativeOn.value("histogram_quantile(0.99, sum(barrage_latency_seconds" + sel + "))")).isCloseTo(p99, within(p99 * 0.03));
            // classic: the buckets, with the same count
            assertThat(classic.value("sum(barrage_latency_seconds_count" + sel + ")")).isEqualTo((double) requests);
            assertThat(classic.value("sum(barrage_latency_seconds_bucket" + sel.replace("}", ",le=\"+Inf\"}") + ")")).isEqualTo((double) requests);
            assertThat(classic.query("barrage_latency_seconds" + sel)).isEmpty();   // no native series without the feature
            // the schedule lag is there too, per phase
            assertThat(nativeOn.value("histogram_count(sum(barrage_schedule_lag_seconds{scenario=\"api\",phase=\"steady\"}))"))
                    .isEqualTo((double) api.iterations());
        } finally {
            endpoint.onEnd(null);
        }
    }
}
