package io.barrage.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.barrage.http.JsonSupport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The built-in simulated service, on loopback only, so that every example runs with no external
 * server. Routes:
 * <pre>
 * GET  /fast            200 "ok" at once (no added latency)
 * GET  /slow            200 after 100 ms plus the configured latency
 * GET  /json            200, a 1 KB JSON document
 * GET  /items           200, {"items": [...]} of 20 items
 * GET  /items/{id}      200 {"id":…, "name":…, "price":…}; 404 if id is not a number
 * POST /login           200 {"token": …} and a session cookie
 * GET  /cart, POST /cart  the session's cart (401 without the cookie); POST adds {"sku":…}
 * GET  /status/{code}   that status
 * GET  /error           500
 * ANY  /echo            200, the request's method, path, query, headers and body as JSON
 * GET  /metrics         request counts in Prometheus text format
 * </pre>
 * Every route but /fast and /metrics waits the configured latency and fails with the configured
 * error rate. Requests run on virtual threads.
 */
public final class SimService implements AutoCloseable {
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JSON_1K = json1k();

    private final SimConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, LongAdder> counts = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, List<Object>> carts = new java.util.concurrent.ConcurrentHashMap<>();

    private SimService(SimConfig config) throws IOException {
        this.config = config;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 1024);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts the service on loopback. */
    public static SimService start(SimConfig config) throws IOException {
        SimService s = new SimService(config);
        s.server.start();
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT} */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
    }

    public SimConfig config() {
        return config;
    }

    /** Requests served per route so far. */
    public long count(String route) {
        LongAdder a = counts.get(route);
        return a == null ? 0 : a.sum();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "simulated service at " + url();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            String route = route(path);
            counts.computeIfAbsent(route, k -> new LongAdder()).increment();
            byte[] requestBody = ex.getRequestBody().readAllBytes();
            if (route.equals("/fast")) {
                send(ex, 200, "text/plain", OK);
                return;
            }
            if (route.equals("/metrics")) {
                send(ex, 200, "text/plain; version=0.0.4", metrics());
                return;
            }
            delay(route.equals("/slow") ? 100 : 0);
            if (config.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < config.errorRate()) {
                send(ex, config.errorStatus(), "application/json", ("{\"error\":\"injected\",\"status\":" + config.errorStatus() + "}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            switch (route) {
                case "/slow" -> send(ex, 200, "text/plain", OK);
                case "/json" -> send(ex, 200, "application/json", JSON_1K);
                case "/items" -> sendJson(ex, 200, Map.of("items", items()));
                case "/items/{id}" -> item(ex, path);
                case "/login" -> login(ex, method);
                case "/cart" -> cart(ex, method, requestBody);
                case "/status/{code}" -> status(ex, path);
                case "/error" -> sendJson(ex, 500, Map.of("error", "simulated failure"));
                case "/echo" -> echo(ex, requestBody);
                default -> sendJson(ex, 404, Map.of("error", "no route " + path,
                        "routes", List.of("/fast", "/slow", "/json", "/items", "/items/{id}", "/login", "/cart", "/status/{code}", "/error", "/echo", "/metrics")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String route(String path) {
        if (path.startsWith("/items/")) return "/items/{id}";
        if (path.startsWith("/status/")) return "/status/{code}";
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private void delay(long extraMillis) throws InterruptedException {
        long min = config.latencyMin().toNanos(), max = config.latencyMax().toNanos();
        long nanos = extraMillis * 1_000_000L + (max > min ? ThreadLocalRandom.current().nextLong(min, max + 1) : min);
        if (nanos > 0) Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
    }

    private void item(HttpExchange ex, String path) throws IOException {
        String id = path.substring("/items/".length());
        try {
            long n = Long.parseLong(id);
            sendJson(ex, 200, item(n));
        } catch (NumberFormatException e) {
            sendJson(ex, 404, Map.of("error", "no item " + id));
        }
    }

    private void login(HttpExchange ex, String method) throws IOException {
        if (!method.equals("POST")) {
            sendJson(ex, 405, Map.of("error", "POST /login"));
            return;
        }
        String session = UUID.randomUUID().toString();
        carts.put(session, new java.util.concurrent.CopyOnWriteArrayList<>());
        ex.getResponseHeaders().add("Set-Cookie", "session=" + session + "; Path=/; HttpOnly");
        sendJson(ex, 200, Map.of("token", session));
    }

    private void cart(HttpExchange ex, String method, byte[] body) throws IOException {
        String session = cookie(ex, "session");
        List<Object> cart = session == null ? null : carts.get(session);
        if (cart == null) {
            sendJson(ex, 401, Map.of("error", "log in first: POST /login"));
            return;
        }
        if (method.equals("POST")) {
            Object entry;
            try {
                entry = body.length == 0 ? Map.of() : JsonSupport.read(body);
            } catch (IOException e) {
                sendJson(ex, 400, Map.of("error", "the body is not JSON"));
                return;
            }
            if (cart.size() < 1000) cart.add(entry);
            sendJson(ex, 201, Map.of("items", cart.size()));
        } else {
            sendJson(ex, 200, Map.of("items", cart));
        }
    }

    private void status(HttpExchange ex, String path) throws IOException {
        try {
            int code = Integer.parseInt(path.substring("/status/".length()));
            if (code < 200 || code > 599) throw new NumberFormatException();
            sendJson(ex, code, Map.of("status", code));
        } catch (NumberFormatException e) {
            sendJson(ex, 400, Map.of("error", "status must be 200..599"));
        }
    }

    private void echo(HttpExchange ex, byte[] body) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", ex.getRequestMethod());
        out.put("path", ex.getRequestURI().getPath());
        out.put("query", ex.getRequestURI().getRawQuery());
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(", ", v)));
        out.put("headers", headers);
        out.put("body", new String(body, StandardCharsets.UTF_8));
        sendJson(ex, 200, out);
    }

    private static String cookie(HttpExchange ex, String name) {
        List<String> all = ex.getRequestHeaders().get("Cookie");
        if (all == null) return null;
        for (String header : all) {
            for (String part : header.split(";")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals(name)) return kv[1];
            }
        }
        return null;
    }

    private byte[] metrics() {
        StringBuilder b = new StringBuilder("# HELP barrage_sim_requests_total Requests served by the simulated service.\n"
                + "# TYPE barrage_sim_requests_total counter\n");
        counts.forEach((route, n) -> b.append("barrage_sim_requests_total{route=\"").append(route).append("\"} ").append(n.sum()).append('\n'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void sendJson(HttpExchange ex, int status, Object value) throws IOException {
        send(ex, status, "application/json", JsonSupport.write(value));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static List<Object> items() {
        List<Object> out = new ArrayList<>();
        for (int i = 1; i <= 20; i++) out.add(item(i));
        return out;
    }

    private static Map<String, Object> item(long id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("sku", "SKU-" + id);
        m.put("name", "item " + id);
        m.put("price", Math.round(((id * 7919) % 10000) / 100.0 * 100) / 100.0);
        return m;
    }

    private static byte[] json1k() {
        StringBuilder b = new StringBuilder("{\"items\":[");
        int i = 0;
        while (b.length() < 980) {
            if (i > 0) b.append(',');
            b.append("{\"id\":").append(i).append(",\"name\":\"item ").append(i).append("\"}");
            i++;
        }
        b.append("]}");
        while (b.length() < 1024) b.insert(b.length() - 1, ' ');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
