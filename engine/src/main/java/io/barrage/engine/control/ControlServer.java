package io.barrage.engine.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.barrage.engine.output.Output;
import io.barrage.engine.prometheus.PrometheusExposition;
import io.barrage.engine.prometheus.PrometheusSeries;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.barrage.engine.output.RunView;
import io.barrage.engine.results.Json;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunControl;
import io.barrage.engine.summary.RunSummary;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The control API of a running test: HTTP + JSON on the JDK's server, one virtual thread per
 * request. Every request needs {@code Authorization: Bearer TOKEN}; tokens are compared in constant
 * time. A bad request gets a 4xx with one line saying what is wrong and changes nothing; no request
 * can take the run down. Commands go to a {@link RunControl}; {@code /metrics} and {@code /events}
 * are fed by {@linkplain #outputs() outputs} of the run; {@link RemoteRunControl} is the typed client.
 * <pre>
 * GET  /status                 state, elapsed, per scenario target/achieved, in flight, percentiles, errors, dropped; assertions so far
 * GET  /metrics                the run's Prometheus series (text, OpenMetrics or protobuf by Accept)
 * GET  /summary                the summary so far (as summary.json), assertions judged on the numbers so far
 * GET  /events                 server-sent events: tick (each second), phase, control, warning, sim, balance…; end
 * POST /control/pause          {}                          POST /control/resume  {}
 * POST /control/rate           {"rate": 300} or {"factor": 1.5}, optional "scenario"
 * POST /control/users          {"users": 200}, optional "scenario"
 * POST /control/phase          {"action": "next"} or {"action": "extend", "by": "1m"}, optional "scenario"
 * POST /control/fault          {"fault": "down", "backend": "b3"} (a simulated service's faults; "target" when there are several)
 * POST /control/clear          {} or {"backend": "b3"}
 * POST /control/stop           {} or {"reason": "…"}
 * </pre>
 */
public final class ControlServer implements AutoCloseable {
    static final int MAX_BODY = 64 * 1024;

    private final byte[] token;
    private final HttpServer server;
    private final ExecutorService executor;
    private final EventStreams streams = new EventStreams();
    private final PrometheusSeries metrics = new PrometheusSeries();
    private final PrometheusRegistry registry = PrometheusExposition.registry(metrics);
    private RunView run;
    private ControlCommands commands;
    private volatile Runnable detach = () -> {};

    private ControlServer(InetSocketAddress address, String token) throws IOException {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.server = JdkHttpServers.create(address, 64);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Starts the API for {@code run}.
     *
     * @param host     the address to bind; a non-loopback one needs {@code explicitToken}
     * @param token    the bearer token every request must carry
     * @param explicit true when the person chose the token (not generated): required off loopback
     * @throws IllegalArgumentException for a non-loopback address without a chosen token, or a token under 16 characters
     */
    public static ControlServer start(Run run, String host, int port, String token, boolean explicit) throws IOException {
        return bind(host, port, token, explicit).serve(run);
    }

    /**
     * Checks the settings and binds the address, serving nothing yet: so that a bad address or a port
     * in use is said before a run starts. {@link #serve} starts answering.
     */
    public static ControlServer bind(String host, int port, String token, boolean explicit) throws IOException {
        if (token == null || token.length() < 16) throw new IllegalArgumentException("the control token must be at least 16 characters");
        InetAddress address = InetAddress.getByName(host);
        if (!address.isLoopbackAddress() && !explicit) {
            throw new IllegalArgumentException("the control API binds " + host + ", which is not loopback: give it a token of your own with --token or BARRAGE_TOKEN");
        }
        return new ControlServer(new InetSocketAddress(address, port), token);
    }

    /**
     * The outputs that feed {@code GET /events} and {@code GET /metrics}: give them to the run
     * ({@code RunOptions.withOutputs}) before it starts, then {@link #serve(RunControl, RunView)}.
     */
    public List<Output> outputs() {
        return List.of(streams, metrics);
    }

    /** Starts answering for a run of this process: its {@link #outputs()} are added to it, and taken off at {@link #close()}. */
    public synchronized ControlServer serve(Run run) {
        if (this.run != null) throw new IllegalStateException("already serving a run");
        for (Output o : outputs()) run.addListener(o);
        detach = () -> {
            for (Output o : outputs()) run.removeListener(o);
        };
        return serve(run, run.view());
    }

    /**
     * Starts answering: commands go to {@code control}, what is read comes from {@code view}; the
     * run feeds {@link #outputs()}.
     */
    public synchronized ControlServer serve(RunControl control, RunView view) {
        if (this.run != null) throw new IllegalStateException("already serving a run");
        this.run = view;
        this.commands = new ControlCommands(control);
        streams.view(view);
        metrics.view(view);
        server.start();
        return this;
    }

    /** 32 random bytes, hex. */
    public static String newToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return JdkHttpServers.baseUrl(server);
    }

    @Override
    public void close() {
        streams.close();
        detach.run();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            respond(ex);
        }
    }

    /** Answers one request; the exchange stays open for the error answers (closed by {@link #handle}). */
    private void respond(HttpExchange ex) {
        try {
            if (!authorized(ex)) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"barrage\"");
                send(ex, 401, Map.of("error", "missing or wrong token: send Authorization: Bearer <token>"));
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            switch (path) {
                case "/status" -> {
                    get(ex, path);
                    send(ex, 200, Status.of(run));
                }
                case "/metrics" -> {
                    get(ex, path);
                    PrometheusExposition.Answer a = PrometheusExposition.scrape(registry, ex.getRequestHeaders().getFirst("Accept"));
                    ex.getResponseHeaders().set("Content-Type", a.contentType());
                    JdkHttpServers.send(ex, 200, a.body());
                }
                case "/summary" -> {
                    get(ex, path);
                    RunSummary so = run.summarySoFar();
                    if (so == null) throw new ControlException(409, "no summary yet: the load has not run a full interval");
                    send(ex, 200, so);
                }
                case "/events" -> {
                    get(ex, path);
                    if (JdkHttpServers.isHead(ex)) {
                        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
                        ex.getResponseHeaders().set("Cache-Control", "no-cache");
                        ex.sendResponseHeaders(200, -1);
                    } else {
                        streams.serve(ex);
                    }
                }
                default -> {
                    if (!path.startsWith("/control/")) {
                        throw new ControlException(404, "no " + path + " (valid: GET /status, GET /summary, GET /metrics, GET /events, POST /control/{pause,resume,rate,users,phase,fault,clear,stop})");
                    }
                    if (!method.equals("POST")) {
                        ex.getResponseHeaders().set("Allow", "POST");
                        throw new ControlException(405, "use POST " + path);
                    }
                    JsonNode body = body(ex);
                    String origin = origin(ex);
                    Map<String, Object> result = commands.run(path.substring("/control/".length()), body, origin);
                    send(ex, 200, result);
                }
            }
        } catch (ControlException e) {
            trySend(ex, e.status, e.getMessage());
        } catch (ControlCommands.UnknownCommand e) {
            trySend(ex, 404, e.getMessage());
        } catch (IllegalArgumentException e) {
            trySend(ex, 400, e.getMessage());
        } catch (Throwable t) {
            // never let a request take the run down; say what happened
            trySend(ex, 500, "internal error: " + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
        }
    }

    /** A resource read with GET (or HEAD: the same headers, no body); any other method is a 405. */
    private static void get(HttpExchange ex, String path) {
        String method = ex.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) return;
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        throw new ControlException(405, "use GET " + path);
    }

    /** "api 127.0.0.1", or "attach via api 127.0.0.1" when the client names itself in X-Barrage-Origin. */
    private static String origin(HttpExchange ex) {
        String addr = "api " + ex.getRemoteAddress().getAddress().getHostAddress();
        String who = ex.getRequestHeaders().getFirst("X-Barrage-Origin");
        if (who == null || !who.matches("[A-Za-z0-9 ._-]{1,40}")) return addr;
        return who + " via " + addr;
    }

    private boolean authorized(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        return MessageDigest.isEqual(h.substring(7).trim().getBytes(StandardCharsets.UTF_8), token);
    }

    private static JsonNode body(HttpExchange ex) throws IOException {
        byte[] raw;
        try (InputStream in = ex.getRequestBody()) {
            raw = in.readNBytes(MAX_BODY + 1);
        }
        if (raw.length > MAX_BODY) throw new ControlException(413, "the body is over " + (MAX_BODY / 1024) + " KB");
        if (raw.length == 0 || new String(raw, StandardCharsets.UTF_8).isBlank()) return Json.MAPPER.createObjectNode();
        try {
            JsonNode n = Json.MAPPER.readTree(raw);
            if (n == null || !n.isObject()) throw new ControlException(400, "the body must be a JSON object, such as {\"rate\": 300}");
            return n;
        } catch (JsonProcessingException e) {
            throw new ControlException(400, "malformed JSON: " + e.getOriginalMessage());
        }
    }

    static void send(HttpExchange ex, int status, Object value) throws IOException {
        byte[] body = Json.MAPPER.writeValueAsBytes(value);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        JdkHttpServers.send(ex, status, body);
    }

    private static void trySend(HttpExchange ex, int status, String message) {
        try {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", message);
            send(ex, status, m);
        } catch (IOException | RuntimeException ignored) {
            // the response had started or the client left: nothing more to say
        }
    }

    /** A request that gets a 4xx. */
    static final class ControlException extends RuntimeException {
        final int status;

        ControlException(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
