package io.barrage.engine.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.barrage.engine.format.Durations;
import io.barrage.engine.metrics.Tick;
import io.barrage.engine.output.Output;
import io.barrage.engine.output.OutputFactory;
import io.barrage.engine.output.OutputSpec;
import io.barrage.engine.output.RunView;
import io.barrage.engine.prometheus.PrometheusExposition;
import io.barrage.engine.prometheus.PrometheusSeries;
import io.barrage.engine.summary.RunSummary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@code prometheus} output: {@code GET /metrics} on its own port for Prometheus to scrape
 * while the run goes ({@link PrometheusSeries}: native histograms in the protobuf format a
 * Prometheus with {@code --enable-feature=native-histograms} asks for, classic buckets in text for
 * every other scraper). Bound when the run is prepared, on loopback unless told otherwise; closed at
 * the end, after {@code linger} so that a last scrape can read the final numbers.
 */
public final class PrometheusEndpoint implements Output {
    /** {@code prometheus:port=9464}, {@code host=}, {@code linger=}. */
    public static final OutputFactory FACTORY = new OutputFactory() {
        @Override
        public List<String> options() {
            return List.of("port", "host", "linger");
        }

        @Override
        public String description() {
            return "GET /metrics for Prometheus to scrape (port=9464, host=127.0.0.1, linger=0s: how long it stays up after the end)";
        }

        @Override
        public void check(OutputSpec spec) {
            JdkHttpServers.listenAddress(spec, "prometheus", DEFAULT_PORT);
            linger(spec);
        }

        @Override
        public Output create(OutputSpec spec, Context context) throws IOException {
            InetSocketAddress at = JdkHttpServers.listenAddress(spec, "prometheus", DEFAULT_PORT);
            try {
                return new PrometheusEndpoint(at, linger(spec));
            } catch (BindException e) {
                throw JdkHttpServers.cannotListen("prometheus", at, e);
            }
        }
    };

    /** The port Prometheus' exporters conventionally use for a load generator's metrics. */
    public static final int DEFAULT_PORT = 9464;

    private final PrometheusSeries series = new PrometheusSeries();
    private final PrometheusRegistry registry = PrometheusExposition.registry(series);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("barrage-prometheus-", 0).factory());
    private final Duration linger;

    /**
     * Binds {@code address} and starts answering at once (before the run, {@code /metrics} holds no
     * series).
     */
    public PrometheusEndpoint(InetSocketAddress address, Duration linger) throws IOException {
        this.linger = linger;
        this.server = JdkHttpServers.create(address, 16);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Where Prometheus scrapes: {@code http://HOST:PORT/metrics}. */
    public String url() {
        return JdkHttpServers.baseUrl(server) + "/metrics";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void onStart(RunView run) {
        series.onStart(run);
    }

    @Override
    public void onInterval(Tick tick) {
        series.onInterval(tick);
    }

    @Override
    public void onEnd(RunSummary summary) {
        if (!linger.isZero()) {
            try {
                Thread.sleep(linger.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    @Override
    public void abandon() {
        close();
    }

    private void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (!path.equals("/metrics")) {
                ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                JdkHttpServers.send(ex, 404, ("no " + path + ": the metrics are at GET /metrics\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                JdkHttpServers.send(ex, 405, "use GET /metrics\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            PrometheusExposition.Answer a = PrometheusExposition.scrape(registry, ex.getRequestHeaders().getFirst("Accept"));
            ex.getResponseHeaders().set("Content-Type", a.contentType());
            JdkHttpServers.send(ex, 200, a.body());
        }
    }

    private static Duration linger(OutputSpec spec) {
        String l = spec.option("linger", "0s");
        try {
            Duration d = "0".equals(l.trim()) ? Duration.ZERO : Durations.parse(l);
            if (d.isNegative() || d.compareTo(Duration.ofMinutes(10)) > 0) throw new IllegalArgumentException();
            return d;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("output prometheus: linger must be a duration from 0s to 10m (such as 15s), not '" + l + "'");
        }
    }
}
