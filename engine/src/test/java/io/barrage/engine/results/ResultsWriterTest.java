package io.barrage.engine.results;

import static io.barrage.engine.testing.Plans.holdRate;
import static io.barrage.engine.testing.Plans.ms;
import static io.barrage.engine.testing.Plans.s;
import static io.barrage.engine.testing.Plans.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.barrage.engine.testing.Plans;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.run.GeneratorProbe;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunOptions;
import io.barrage.engine.summary.RunSummary;
import io.barrage.engine.testing.Await;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsWriterTest {

    static Path runDir(Path base) throws Exception {
        try (Stream<Path> s = Files.list(base)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    static List<Histogram> read(Path hlog) throws Exception {
        List<Histogram> out = new ArrayList<>();
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) out.add((Histogram) h);
        return out;
    }

    @Test
    void aRunWritesItsSummaryIntervalLogAndEvents(@TempDir Path base) throws Exception {
        TestPlan plan = Plans.plan("my checkout", scenario("api", vu -> {
            long now = vu.clock().nanoTime();
            vu.step("GET /items/{id}").record(vu.intendedStart(now), now, now + 3_000_000, null);
        }, holdRate("steady", 100, ms(500))));
        RunSummary summary = Run.start(plan, RunOptions.defaults().withResultsDir(base).withTickInterval(ms(100))
                .withProbe(GeneratorProbe.IDLE)).await();
        Path dir = runDir(base);
        assertThat(dir.getFileName().toString()).matches("my-checkout-\\d{8}-\\d{6}");

        JsonNode json = Json.MAPPER.readTree(dir.resolve("summary.json").toFile());
        assertThat(json.get("schema").asText()).isEqualTo("barrage.summary/1");
        assertThat(json.get("status").asText()).isEqualTo("passed");
        assertThat(json.at("/scenarios/0/total/requests").asLong()).isEqualTo(50);
        assertThat(json.at("/scenarios/0/steps/0/name").asText()).isEqualTo("GET /items/{id}");
        assertThat(json.at("/scenarios/0/total/service/p50").asDouble()).isEqualTo(summary.scenario("api").total().service().p50());

        Map<String, Long> counts = new HashMap<>();
        for (Histogram h : read(dir.resolve("intervals.hlog"))) {
            Map<String, String> tags = HlogTags.decode(h.getTag());
            if ("latency".equals(tags.get("metric"))) {
                assertThat(tags).containsEntry("scenario", "api").containsEntry("step", "GET /items/{id}").containsEntry("phase", "steady");
            }
            counts.merge(tags.get("metric"), h.getTotalCount(), Long::sum);
        }
        assertThat(counts).containsEntry("latency", 50L).containsEntry("service", 50L).containsEntry("lag", 50L);

        List<String> lines = Files.readAllLines(dir.resolve("events.jsonl"));
        List<String> types = new ArrayList<>();
        for (String line : lines) types.add(Json.MAPPER.readTree(line).get("type").asText());
        assertThat(types).containsExactly("run", "run", "phase", "run", "run");
        assertThat(Json.MAPPER.readTree(lines.get(lines.size() - 1)).get("message").asText()).isEqualTo("run ended: passed");
    }

    @Test
    void aRunKilledWithSigkillLeavesReadableResults(@TempDir Path base) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), KilledRunMain.class.getName(),
                base.toString()).redirectErrorStream(true).redirectOutput(new File(base.toFile(), "child.log")).start();
        try {
            Await.until("the child writes a few intervals", () -> {
                try {
                    Path dir = runDir(base);
                    Path summary = dir.resolve("summary.json");
                    return Files.exists(summary) && Json.MAPPER.readTree(summary.toFile()).at("/scenarios/0/timeline").size() >= 3;
                } catch (Exception e) {
                    return false;
                }
            });
        } finally {
            p.destroyForcibly();   // SIGKILL
            p.waitFor();
        }
        Path dir = runDir(base);
        JsonNode summary = Json.MAPPER.readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("running");
        long requestsInSummary = summary.at("/scenarios/0/total/requests").asLong();
        assertThat(requestsInSummary).isPositive();
        long latencyCount = 0;
        for (Histogram h : read(dir.resolve("intervals.hlog"))) {
            if ("latency".equals(HlogTags.decode(h.getTag()).get("metric"))) latencyCount += h.getTotalCount();
        }
        assertThat(latencyCount).isGreaterThanOrEqualTo(requestsInSummary);
        for (String line : Files.readAllLines(dir.resolve("events.jsonl"))) Json.MAPPER.readTree(line);
    }

    @Test
    void tagsSurviveSpacesCommasAndUnicode() {
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        tags.put("metric", "latency");
        tags.put("step", "GET /a b,c;d=e%f → ü");
        String encoded = HlogTags.encode(tags);
        assertThat(encoded).doesNotContain(" ", ",").startsWith("metric=latency;step=GET%20/a%20b%2Cc%3Bd%3De%25f");
        assertThat(HlogTags.decode(encoded)).isEqualTo(tags);
    }
}
