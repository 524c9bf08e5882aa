package io.barrage.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.barrage.engine.control.JdkHttpServers;
import io.barrage.http.JsonSupport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The built-in simulated service, on loopback only: N backends behind one balancer, in one process.
 * Each request goes through the balancer, which picks a backend by its algorithm among those in
 * rotation; the backend queues it past its capacity, waits its latency, fails it at its error rate,
 * and answers with an {@code X-Backend} header naming itself. Built-in routes:
 * <pre>
 * GET  /fast            200 "ok" with no added latency or configured errors (faults still apply)
 * GET  /slow            200 after 100 ms plus the backend's latency
 * GET  /json            200, a 1 KB JSON document
 * GET  /items           200, {"items": [...]} of 20 items
 * GET  /items/{id}      200 {"id":…, "name":…, "price":…}; 404 if id is not a number
 * POST /login           200 {"token": …} and a session cookie
 * GET  /cart, POST /cart  the session's cart (401 without the cookie); POST adds {"sku":…}
 * GET  /status/{code}   that status
 * GET  /error           500
 * ANY  /echo            200, the request's method, path, query, headers and body as JSON
 * GET  /metrics         the balancer's metrics in Prometheus text format (not balanced)
 * /_sim                 the simulator's own API: state, faults (see {@link SimAdmin})
 * </pre>
 * The network between balancer and backends is modelled, not a socket: a refusing backend is a 502
 * at once, a hanging or cut-off one a 504 after the upstream timeout. Requests run on virtual threads.
 */
public final class SimService implements AutoCloseable {
    static final List<String> ROUTES = List.of("/fast", "/slow", "/json", "/items", "/items/{id}", "/login", "/cart",
            "/status/{code}", "/error", "/echo", "/metrics", "/_sim");
    /** Paths counted apart in /metrics; more (a test of unique unknown paths) count as "(other)". */
    private static final int MAX_ROUTES = 200;
    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JSON_1K = json1k();

    private final SimConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    final List<Backend> backends;
    final Balancer balancer;
    final HealthChecker health;
    private final Thread healthThread;
    final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    final LongAdder noBackend = new LongAdder();
    private final Map<String, List<Object>> carts = new ConcurrentHashMap<>();
    private final List<Fault> active = new ArrayList<>();
    private final List<SimEvents> listeners = new CopyOnWriteArrayList<>();
    private final SimAdmin admin;

    private SimService(SimConfig config) throws IOException {
        this.config = config;
        List<Backend> list = new ArrayList<>();
        for (BackendConfig b : config.backends()) list.add(new Backend(b, list.size()));
        this.backends = List.copyOf(list);
        this.balancer = new Balancer(config.balancing(), backends, config.health().enabled());
        this.health = new HealthChecker(config.health(), backends, balancer, this::emit);
        this.admin = new SimAdmin(this);
        this.server = JdkHttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 1024);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        this.healthThread = config.health().enabled() && backends.size() > 0
                ? Thread.ofVirtual().name("barrage-sim-health").unstarted(health::loop) : null;
        for (Fault f : config.faults()) apply(f, "start");
    }

    /** Starts the service on loopback. */
    public static SimService start(SimConfig config) throws IOException {
        SimService s = new SimService(config);
        s.server.start();
        if (s.healthThread != null) s.healthThread.start();
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

    /** Tells {@code l} of faults switched and of health changes. */
    public void listen(SimEvents l) {
        listeners.add(l);
    }

    void emit(String message, Map<String, Object> data) {
        for (SimEvents l : listeners) {
            try {
                l.emit(message, data);
            } catch (RuntimeException ignored) {
                // a listener's failure must not take the service down
            }
        }
    }

    /** Requests served per route so far. */
    public long count(String route) {
        LongAdder a = counts.get(route);
        return a == null ? 0 : a.sum();
    }

    /** Requests a backend answered so far (including its errors; not those refused or timed out). */
    public long served(String backend) {
        return backend(backend).requests.sum();
    }

    /** What {@code GET /_sim} shows: balancer, health check, backends with their counters, faults on. */
    public Map<String, Object> state() {
        return admin.state();
    }

    /** The names of the backends in rotation now. */
    public List<String> inRotation() {
        return balancer.inRotation().stream().map(Backend::name).toList();
    }

    /** Runs one round of health probes now (tests; the service probes on its own every interval). */
    public void checkHealth() {
        health.check();
    }

    /**
     * Switches a fault on.
     *
     * @param origin who asked (start, timeline, api...), for the event
     * @throws IllegalArgumentException if it names no backend of this service
     */
    public void apply(Fault f, String origin) {
        if (f.backend() != null) backend(f.backend());
        synchronized (active) {
            active.add(f);
            recompute();
        }
        emit("fault on: " + f.describe() + " (" + origin + ")", Map.of("fault", f.kind().word(), "backend", f.backend() == null ? "all" : f.backend(), "on", true, "origin", origin));
    }

    /** Switches a fault off (one that {@link #apply} switched on); false if it was not on. */
    public boolean clear(Fault f, String origin) {
        boolean removed;
        synchronized (active) {
            removed = active.remove(f);
            recompute();
        }
        if (removed) emit("fault off: " + f.describe() + " (" + origin + ")", Map.of("fault", f.kind().word(), "backend", f.backend() == null ? "all" : f.backend(), "on", false, "origin", origin));
        return removed;
    }

    /** Switches off every fault of one backend (null: every fault); returns how many. */
    public int clearAll(String backend, String origin) {
        List<Fault> off = new ArrayList<>();
        synchronized (active) {
            for (Fault f : active) if (backend == null || backend.equals(f.backend())) off.add(f);
        }
        for (Fault f : off) clear(f, origin);
        return off.size();
    }

    /** The faults on now. */
    public List<Fault> faults() {
        synchronized (active) {
            return List.copyOf(active);
        }
    }

    private void recompute() {
        for (Backend b : backends) {
            boolean down = false, hang = false, cut = false;
            long extra = 0;
            double rate = 0;
            int status = 500;
            for (Fault f : active) {
                if (f.backend() != null && !f.backend().equals(b.name())) continue;
                switch (f.kind()) {
                    case DOWN -> down = true;
                    case HANG -> hang = true;
                    case PARTITION -> cut = true;
                    case SLOW -> extra += f.latency().toNanos();
                    case ERRORS -> {
                        if (f.rate() >= rate) {
                            rate = f.rate();
                            status = f.status();
                        }
                    }
                }
            }
            b.down = down;
            b.hanging = hang;
            b.partitioned = cut;
            b.extraNanos = extra;
            b.burstStatus = status;
            b.burstRate = rate;
        }
    }

    Backend backend(String name) {
        for (Backend b : backends) if (b.name().equals(name)) return b;
        throw new IllegalArgumentException("no backend '" + name + "'; the backends are " + String.join(", ", config.backendNames()));
    }

    @Override
    public void close() {
        if (healthThread != null) healthThread.interrupt();
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "simulated service at " + url();
    }

    // ---- requests

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/_sim") || path.startsWith("/_sim/")) {
                admin.handle(ex, path);
                return;
            }
            String route = route(path);
            LongAdder count = counts.get(route);
            if (count == null) count = counts.computeIfAbsent(counts.size() >= MAX_ROUTES ? "(other)" : route, k -> new LongAdder());
            count.increment();
            if (route.equals("/metrics")) {
                send(ex, 200, "text/plain; version=0.0.4", admin.metrics());
                return;
            }
            String key = null;
            if (config.balancing() == Balancing.HASH) {
                key = config.hashHeader() == null ? path : ex.getRequestHeaders().getFirst(config.hashHeader());
            }
            Backend b = balancer.pick(key);
            if (b == null) {
                noBackend.increment();
                sendJson(ex, 503, Map.of("error", "no backend in rotation: the health check took every backend out"));
                return;
            }
            ex.getResponseHeaders().set("X-Backend", b.name());
            if (b.down) {
                b.refused.increment();
                sendJson(ex, 502, Map.of("error", "backend " + b.name() + " refused the connection", "backend", b.name()));
                return;
            }
            serve(ex, b, path, route);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(HttpExchange ex, Backend b, String path, String route) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + config.upstreamTimeout().toNanos();
        b.inFlight.incrementAndGet();
        int status = 0;
        try {
            while (b.unreachable() && System.nanoTime() < deadline) {
                Thread.sleep(Math.min(20, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L)));
            }
            if (b.unreachable() || !b.admit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                b.timedOut.increment();
                status = 504;
                sendJson(ex, 504, Map.of("error", "backend " + b.name() + " did not answer within "
                        + io.barrage.engine.format.Durations.format(config.upstreamTimeout()), "backend", b.name()));
                return;
            }
            try {
                status = respond(ex, b, path, route);
            } finally {
                b.release();
            }
        } finally {
            b.inFlight.decrementAndGet();
            if (status != 504) {
                b.requests.increment();
                if (status >= 500) b.errors.increment();
                b.recordLatency(System.nanoTime() - start);
            }
        }
    }

    /** Serves a request on backend {@code b}; returns the status sent. */
    private int respond(HttpExchange ex, Backend b, String path, String route) throws IOException, InterruptedException {
        String method = ex.getRequestMethod();
        byte[] requestBody = ex.getRequestBody().readAllBytes();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Route custom = null;
        for (Route r : config.routes()) {
            if (r.matches(method, path)) {
                custom = r;
                break;
            }
        }
        boolean fast = custom == null && route.equals("/fast");
        long nanos = b.extraNanos;
        if (!fast) nanos += b.config.latency().sample(random) + (custom != null ? custom.latency().sample(random) : 0)
                + (custom == null && route.equals("/slow") ? 100_000_000L : 0);
        if (nanos > 0) Thread.sleep(Duration.ofNanos(nanos));
        double rate = b.burstRate;
        int errorStatus = b.burstStatus;
        if (!fast && b.config.errorRate() > rate) {
            rate = b.config.errorRate();
            errorStatus = b.config.errorStatus();
        }
        if (custom != null && custom.errorRate() > rate) {
            rate = custom.errorRate();
            errorStatus = 500;
        }
        if (rate > 0 && random.nextDouble() < rate) {
            sendJson(ex, errorStatus, Map.of("error", "injected", "status", errorStatus, "backend", b.name()));
            return errorStatus;
        }
        if (custom != null) {
            byte[] body = custom.body() != null ? custom.body().getBytes(StandardCharsets.UTF_8) : filler(custom.bodyBytes());
            send(ex, custom.status(), custom.body() != null && custom.body().startsWith("{") ? "application/json" : "text/plain", body);
            return custom.status();
        }
        return switch (route) {
            case "/fast", "/slow" -> send(ex, 200, "text/plain", OK);
            case "/json" -> send(ex, 200, "application/json", JSON_1K);
            case "/items" -> sendJson(ex, 200, Map.of("items", items()));
            case "/items/{id}" -> item(ex, path);
            case "/login" -> login(ex, method);
            case "/cart" -> cart(ex, method, requestBody);
            case "/status/{code}" -> status(ex, path);
            case "/error" -> sendJson(ex, 500, Map.of("error", "simulated failure"));
            case "/echo" -> echo(ex, requestBody);
            default -> sendJson(ex, 404, Map.of("error", "no route " + path, "routes", routes()));
        };
    }

    private List<String> routes() {
        List<String> out = new ArrayList<>(config.routes().stream().map(Route::path).toList());
        out.addAll(ROUTES);
        return out;
    }

    private static String route(String path) {
        if (path.startsWith("/items/")) return "/items/{id}";
        if (path.startsWith("/status/")) return "/status/{code}";
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private int item(HttpExchange ex, String path) throws IOException {
        String id = path.substring("/items/".length());
        try {
            return sendJson(ex, 200, item(Long.parseLong(id)));
        } catch (NumberFormatException e) {
            return sendJson(ex, 404, Map.of("error", "no item " + id));
        }
    }

    private int login(HttpExchange ex, String method) throws IOException {
        if (!method.equals("POST")) return sendJson(ex, 405, Map.of("error", "POST /login"));
        String session = UUID.randomUUID().toString();
        carts.put(session, new CopyOnWriteArrayList<>());
        ex.getResponseHeaders().add("Set-Cookie", "session=" + session + "; Path=/; HttpOnly");
        return sendJson(ex, 200, Map.of("token", session));
    }

    private int cart(HttpExchange ex, String method, byte[] body) throws IOException {
        String session = cookie(ex, "session");
        List<Object> cart = session == null ? null : carts.get(session);
        if (cart == null) return sendJson(ex, 401, Map.of("error", "log in first: POST /login"));
        if (method.equals("POST")) {
            Object entry;
            try {
                entry = body.length == 0 ? Map.of() : JsonSupport.read(body);
            } catch (IOException e) {
                return sendJson(ex, 400, Map.of("error", "the body is not JSON"));
            }
            if (cart.size() < 1000) cart.add(entry);
            return sendJson(ex, 201, Map.of("items", cart.size()));
        }
        return sendJson(ex, 200, Map.of("items", cart));
    }

    private int status(HttpExchange ex, String path) throws IOException {
        try {
            int code = Integer.parseInt(path.substring("/status/".length()));
            if (code < 200 || code > 599) throw new NumberFormatException();
            return sendJson(ex, code, Map.of("status", code));
        } catch (NumberFormatException e) {
            return sendJson(ex, 400, Map.of("error", "status must be 200..599"));
        }
    }

    private int echo(HttpExchange ex, byte[] body) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", ex.getRequestMethod());
        out.put("path", ex.getRequestURI().getPath());
        out.put("query", ex.getRequestURI().getRawQuery());
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(", ", v)));
        out.put("headers", headers);
        out.put("body", new String(body, StandardCharsets.UTF_8));
        return sendJson(ex, 200, out);
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

    static int sendJson(HttpExchange ex, int status, Object value) throws IOException {
        return send(ex, status, "application/json", JsonSupport.write(value));
    }

    /** Sends a response: to a HEAD the headers alone, to a 204 or 304 no body (as HTTP wants, and the JDK's server checks). */
    static int send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        JdkHttpServers.send(ex, status, body);
        return status;
    }

    private static byte[] filler(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'x');
        return b;
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
