package io.barrage.engine.prometheus;

import static io.barrage.engine.testing.Plans.holdRate;
import static io.barrage.engine.testing.Plans.ms;
import static io.barrage.engine.testing.Plans.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.barrage.engine.output.RunEvent;
import io.barrage.engine.output.Output;
import io.barrage.engine.run.GeneratorProbe;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunOptions;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.summary.RunSummary;
import io.barrage.engine.testing.Peers;
import io.barrage.engine.testing.Plans;
import io.barrage.engine.testing.RealPrometheus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code pushgateway} output against a real Pushgateway (Debian's prometheus-pushgateway 1.5). */
class PushgatewayTest {
    @TempDir Path dir;
    Process gateway;
    String url;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startGateway() throws Exception {
        String binary = Peers.find("prometheus-pushgateway", "prometheus-pushgateway");
        assumeTrue(binary != null, "prometheus-pushgateway is not installed (.ci/run installs it): skipped");
        int port = RealPrometheus.freePort();
        url = "http://127.0.0.1:" + port;
        // Debian's build persists to /var/lib/prometheus by default: this one keeps its own file
        gateway = new ProcessBuilder(binary, "--web.listen-address=127.0.0.1:" + port, "--log.level=warn",
                        "--persistence.file=" + dir.resolve("pushgateway.data"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("pushgateway.log").toFile()).start();
        for (int i = 0; i < 300; i++) {
            if (!gateway.isAlive()) throw new IllegalStateException("the pushgateway exited: " + java.nio.file.Files.readString(dir.resolve("pushgateway.log")));
            try {
                // ready, and this process's: it answers only while alive
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200
                        && gateway.isAlive()) return;
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the pushgateway did not start");
    }

    @AfterEach
    void stopGateway() throws InterruptedException {
        if (gateway == null) return;
        gateway.destroy();
        if (!gateway.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) gateway.destroyForcibly().waitFor();
    }

    static TestPlan plan() {
        return Plans.plan("pushed", scenario("api", vu -> {
            long now = vu.clock().nanoTime();
            vu.step("GET /x").record(vu.intendedStart(now), now, now + 2_000_000, vu.random().nextInt(20) == 0 ? "timeout" : null);
        }, holdRate("steady", 100, ms(3000))));
    }

    RunSummary run(Output output, List<RunEvent> events) throws Exception {
        Output recorder = new Output() {
            @Override public void onEvent(RunEvent e) { events.add(e); }
        };
        Run run = Run.prepare(plan(), RunOptions.defaults().withProbe(GeneratorProbe.IDLE)
                .withLabels(Map.of("experiment", "exp/9")).withOutputs(List.of(output, recorder)));
        run.awaitReady();
        run.start();
        return run.await();
    }

    String gatewayMetrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void theRunsSeriesArePushedUnderItsGroupingKeyWithTheSummarysCounts() throws Exception {
        PushgatewayOutput out = new PushgatewayOutput(URI.create(url), "barrage", true);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunSummary summary = run(out, events);
        long requests = summary.scenario("api").total().requests();
        long timeouts = summary.scenario("api").total().errorsByKind().get("timeout");
        assertThat(out.failed()).isZero();
        assertThat(out.pushed()).isGreaterThanOrEqualTo(2);   // intervals and the end
        // the experiment id holds a '/': the grouping key carries it base64-encoded
        assertThat(out.group().toString()).endsWith("/metrics/job/barrage/run_id/" + "pushed-" + out.group().toString().replaceAll(".*/run_id/pushed-([0-9-]+)/.*", "$1")
                + "/experiment@base64/ZXhwLzk");
        String body = gatewayMetrics();
        assertThat(value(body, "barrage_requests_total", "GET /x")).isEqualTo((double) requests);
        assertThat(value(body, "barrage_errors_total", "GET /x")).isEqualTo((double) timeouts);
        assertThat(body).contains("experiment=\"exp/9\"", "job=\"barrage\"");
        assertThat(body).containsPattern("barrage_latency_seconds_count\\{[^}]*step=\"GET /x\"[^}]*} " + requests + "\n");
        assertThat(events).noneMatch(e -> e.type().equals(RunEvent.TYPE_WARNING));
    }

    @Test
    void theGroupIsDeletedAtTheEndUnlessKept() throws Exception {
        PushgatewayOutput out = new PushgatewayOutput(URI.create(url), "barrage", false);
        run(out, new CopyOnWriteArrayList<>());
        assertThat(out.failed()).isZero();
        assertThat(out.pushed()).isGreaterThanOrEqualTo(2);
        assertThat(gatewayMetrics()).doesNotContain("barrage_requests_total");
    }

    @Test
    void aGatewayThatIsDownCostsTheRunNothingButAWarning() throws Exception {
        PushgatewayOutput out = new PushgatewayOutput(URI.create("http://127.0.0.1:" + RealPrometheus.freePort()), "barrage", true);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunSummary summary = run(out, events);
        assertThat(summary.exitCode()).isZero();
        assertThat(summary.scenario("api").total().requests()).isGreaterThan(250);
        assertThat(out.pushed()).isZero();
        assertThat(out.failed()).isGreaterThanOrEqualTo(2);
        assertThat(events).filteredOn(e -> e.type().equals(RunEvent.TYPE_WARNING)).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("pushes to http://127.0.0.1:").contains("the run goes on"));
    }

    @Test
    void groupingKeyValuesWithASlashOrEmptyAreBase64() {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("job", "barrage");
        key.put("run_id", "a b");
        key.put("path", "/var/tmp");
        key.put("empty", "");
        assertThat(PushgatewayOutput.groupingPath(key)).isEqualTo("/job/barrage/run_id/a%20b/path@base64/L3Zhci90bXA/empty@base64/=");
    }

    static double value(String body, String family, String step) {
        Matcher m = Pattern.compile(family + "\\{[^}]*step=\"" + Pattern.quote(step) + "\"[^}]*} ([0-9.e+]+)\n").matcher(body);
        double sum = 0;
        boolean any = false;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
            any = true;
        }
        return any ? sum : Double.NaN;
    }
}
