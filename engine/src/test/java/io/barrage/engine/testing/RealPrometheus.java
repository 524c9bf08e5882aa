package io.barrage.engine.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real Prometheus server (Debian's {@code prometheus}, 2.42 here) on a free loopback port, with
 * its own data directory, for the tests of what barrage serves and sends. Found on the PATH or in
 * /usr/bin; where it is missing and this is a Debian machine run as root, installed once with
 * apt-get (what .ci/run does too); else the test is skipped, saying why.
 */
public final class RealPrometheus implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private RealPrometheus(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts Prometheus scraping {@code targets} ({@code host:port}) every second.
     *
     * @param flags extra flags, such as {@code --enable-feature=native-histograms} or {@code --web.enable-remote-write-receiver}
     */
    public static RealPrometheus start(Path dir, List<String> targets, String... flags) throws Exception {
        String binary = Peers.find("prometheus", "prometheus");
        assumeTrue(binary != null, "prometheus is not installed (apt-get install prometheus; .ci/run does): skipped");
        int port = freePort();
        StringBuilder config = new StringBuilder("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n");
        if (!targets.isEmpty()) {
            config.append("scrape_configs:\n  - job_name: barrage\n    scrape_interval: 1s\n    scrape_timeout: 900ms\n    static_configs:\n      - targets: [");
            config.append(String.join(", ", targets.stream().map(t -> "'" + t + "'").toList())).append("]\n");
        }
        Path conf = Files.writeString(dir.resolve("prometheus.yml"), config.toString());
        List<String> cmd = new ArrayList<>(List.of(binary, "--config.file=" + conf, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"));
        cmd.addAll(List.of(flags));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        RealPrometheus prometheus = new RealPrometheus(p, port);
        prometheus.awaitReady(dir);
        return prometheus;
    }

    private void awaitReady(Path dir) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("prometheus not ready after 30 s: " + Files.readString(dir.resolve("prometheus.log")));
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The {@code data.result} of an instant query. */
    public JsonNode query(String promql) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (!"success".equals(body.path("status").asText())) throw new IllegalStateException("query " + promql + ": " + r.body());
        return body.path("data").path("result");
    }

    /** The single value of a scalar-like query, or NaN when it has no result. */
    public double value(String promql) throws Exception {
        JsonNode result = query(promql);
        if (result.isEmpty()) return Double.NaN;
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    /**
     * Queries until {@code done} holds for the value (Prometheus scrapes every second), at most
     * {@code limit}; returns the last value read. Not a timing assertion: the caller asserts the value.
     */
    public double awaitValue(String promql, Predicate<Double> done, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        double v = value(promql);
        while (!done.test(v) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            v = value(promql);
        }
        return v;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
