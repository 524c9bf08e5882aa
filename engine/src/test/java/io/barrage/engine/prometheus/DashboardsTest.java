package io.barrage.engine.prometheus;

import static io.barrage.engine.testing.Plans.holdRate;
import static io.barrage.engine.testing.Plans.ms;
import static io.barrage.engine.testing.Plans.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.barrage.engine.run.GeneratorProbe;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunOptions;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.testing.Plans;
import io.barrage.engine.testing.RealPrometheus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every panel of the Grafana dashboards in dashboards/grafana draws: after a run sent to a real
 * Prometheus 2.42 with native histograms and to one without, each panel has a query that returns
 * data in each (Grafana is not packaged here: its queries are run against Prometheus directly).
 */
class DashboardsTest {
    @TempDir Path dir;
    static final Path DASHBOARDS = Path.of("..", "dashboards", "grafana");

    @Test
    void everyPanelOfEveryDashboardReturnsDataFromARealPrometheus() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(DASHBOARDS)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("overview.json", "latency.json", "errors.json", "generator.json");
        Files.createDirectories(dir.resolve("native"));
        Files.createDirectories(dir.resolve("classic"));
        try (RealPrometheus nativeOn = RealPrometheus.start(dir.resolve("native"), List.of(), "--web.enable-remote-write-receiver", "--enable-feature=native-histograms");
             RealPrometheus classic = RealPrometheus.start(dir.resolve("classic"), List.of(), "--web.enable-remote-write-receiver")) {
            TestPlan plan = Plans.plan("dashboards", scenario("api", vu -> {
                long now = vu.clock().nanoTime();
                long took = 1_000_000L + vu.random().nextInt(10_000_000);
                vu.step("GET /z").record(vu.intendedStart(now), now, now + took, vu.random().nextInt(10) == 0 ? "status_5xx" : null);
                vu.step("GET /z").timing("first_byte").record(took / 2);
            }, holdRate("steady", 100, ms(3000))));
            RemoteWriteOutput toNative = new RemoteWriteOutput(URI.create(nativeOn.url() + "/api/v1/write"), RemoteWriteOutput.Native.AUTO);
            RemoteWriteOutput toClassic = new RemoteWriteOutput(URI.create(classic.url() + "/api/v1/write"), RemoteWriteOutput.Native.AUTO);
            Run run = Run.prepare(plan, RunOptions.defaults().withProbe(GeneratorProbe.jvm()).withOutputs(List.of(toNative, toClassic)));
            run.awaitReady();
            run.start();
            run.await();
            assertThat(toNative.lost() + toClassic.lost()).isZero();
            String runId = run.view().labels().get("run_id");

            List<String> empty = new ArrayList<>();
            int panels = 0;
            ObjectMapper json = new ObjectMapper();
            for (Path f : files) {
                JsonNode d = json.readTree(f.toFile());
                assertThat(d.path("uid").asText()).as(f.toString()).startsWith("barrage-");
                for (JsonNode panel : d.path("panels")) {
                    panels++;
                    for (RealPrometheus p : List.of(nativeOn, classic)) {
                        boolean any = false;
                        for (JsonNode t : panel.path("targets")) {
                            String expr = t.path("expr").asText().replace("$run_id", runId).replace("$__rate_interval", "1m");
                            if (!p.query(expr).isEmpty()) any = true;
                        }
                        if (!any) empty.add(f.getFileName() + " '" + panel.path("title").asText() + "' in " + (p == nativeOn ? "native" : "classic"));
                    }
                }
            }
            assertThat(panels).isGreaterThanOrEqualTo(20);
            assertThat(empty).as("panels with no data").isEmpty();
        }
    }
}
