package io.barrage.engine.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.barrage.engine.metrics.ScenarioTick;
import io.barrage.engine.metrics.Tick;
import io.barrage.engine.output.Output;
import io.barrage.engine.output.OutputFactory;
import io.barrage.engine.output.OutputSpec;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.output.RunView;
import io.barrage.engine.summary.RunSummary;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@code dashboard} output: a live page of the run ({@code GET /}) that updates every second from
 * its event stream ({@code GET /stream}, server-sent events: the status each second, a sample of
 * each interval with the per-backend split and the analyses' scores, every event) — rate target vs
 * achieved, latency percentiles, errors, users, phase, events. uPlot is inlined; the page asks for
 * nothing but its stream. On loopback by default; bound elsewhere it needs a token
 * ({@code ?token=}).
 */
public final class DashboardServer implements Output {
    public static final OutputFactory FACTORY = new OutputFactory() {
        @Override
        public List<String> options() {
            return List.of("port", "host", "token");
        }

        @Override
        public String description() {
            return "a live web page of the run, updated every second (port=9465, host=127.0.0.1, token= when not on loopback)";
        }

        @Override
        public void check(OutputSpec spec) {
            JdkHttpServers.listenAddress(spec, "dashboard", DEFAULT_PORT);
        }

        @Override
        public Output create(OutputSpec spec, Context context) throws IOException {
            InetSocketAddress at = JdkHttpServers.listenAddress(spec, "dashboard", DEFAULT_PORT);
            try {
                return new DashboardServer(at, spec.option("token", null));
            } catch (BindException e) {
                throw JdkHttpServers.cannotListen("dashboard", at, e);
            }
        }
    };

    public static final int DEFAULT_PORT = 9465;

    private final EventStreams streams = new EventStreams();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("barrage-dashboard-", 0).factory());
    private final byte[] token;
    private volatile byte[] page;

    public DashboardServer(InetSocketAddress address, String token) throws IOException {
        if (!address.getAddress().isLoopbackAddress() && (token == null || token.length() < 16)) {
            throw new IllegalArgumentException("output dashboard binds " + address.getAddress().getHostAddress()
                    + ", which is not loopback: give it a token of 16 characters or more (dashboard:token=...)");
        }
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.server = JdkHttpServers.create(address, 16);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Where to open it. */
    public String url() {
        return JdkHttpServers.baseUrl(server) + "/";
    }

    /** Whether the page must be opened with {@code ?token=}. */
    public boolean needsToken() {
        return token != null;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void onStart(RunView run) {
        streams.onStart(run);
    }

    @Override
    public void onInterval(Tick tick) {
        streams.onInterval(tick);
        List<Map<String, Object>> scenarios = new ArrayList<>();
        for (ScenarioTick s : tick.scenarios()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.scenario());
            m.put("t", Math.round(tick.elapsedNanos() / 1e6) / 1000.0);
            m.put("errorsByKind", s.errorsByKind());
            m.put("tallies", s.tallies());
            Map<String, Double> scores = new LinkedHashMap<>();
            s.scores().forEach((k, v) -> { if (Double.isFinite(v)) scores.put(k, v); });
            m.put("scores", scores);
            scenarios.add(m);
        }
        streams.publish("sample", Map.of("scenarios", scenarios));
    }

    @Override
    public void onEvent(RunEvent event) {
        streams.onEvent(event);
    }

    @Override
    public void onEnd(RunSummary summary) {
        streams.onEnd(summary);
        // a moment for open pages to read the end, then the server goes with the run
        executor.execute(() -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close();
        });
    }

    @Override
    public void abandon() {
        close();
    }

    private void close() {
        streams.close();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!authorized(ex)) {
                ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                JdkHttpServers.send(ex, 401, "this dashboard needs its token: open it as /?token=...\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                JdkHttpServers.send(ex, 405, "use GET\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            switch (path) {
                case "/" -> {
                    ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                    JdkHttpServers.send(ex, 200, page());
                }
                case "/stream" -> streams.serve(ex);
                default -> {
                    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                    JdkHttpServers.send(ex, 404, ("no " + path + ": the dashboard is at /\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    private boolean authorized(HttpExchange ex) {
        if (token == null) return true;
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) return false;
        for (String part : q.split("&")) {
            if (part.startsWith("token=")) {
                byte[] given = URLDecoder.decode(part.substring(6), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                return MessageDigest.isEqual(given, token);
            }
        }
        return false;
    }

    private byte[] page() throws IOException {
        byte[] p = page;
        if (p != null) return p;
        String html = resource("io/barrage/engine/control/dashboard.html")
                .replace("/*UPLOT_CSS*/", resource("META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.min.css"))
                .replace("/*UPLOT_JS*/", resource("META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js"))
                .replace("/*DASHBOARD_JS*/", resource("io/barrage/engine/control/dashboard.js"));
        page = p = html.getBytes(StandardCharsets.UTF_8);
        return p;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IOException("dashboard: " + path + " is missing from barrage's jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
