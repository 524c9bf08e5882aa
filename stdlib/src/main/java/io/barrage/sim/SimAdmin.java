package io.barrage.sim;

import com.sun.net.httpserver.HttpExchange;
import io.barrage.engine.format.Durations;
import io.barrage.http.JsonSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The simulator's own API, under {@code /_sim} on the service's port, and its Prometheus metrics:
 * <pre>
 * GET    /_sim                     balancer, health check, backends with their counters, faults on
 * POST   /_sim/faults              {"fault":"down|hang|partition|slow|errors","backend":"b3",
 *                                   "latency":"200ms","rate":"20%","status":503} switches one on
 * DELETE /_sim/faults[?backend=b3] switches faults off (all, or one backend's)
 * </pre>
 * A bad request is a 400 with one line saying what is wrong, and changes nothing.
 */
final class SimAdmin {
    private final SimService sim;

    SimAdmin(SimService sim) {
        this.sim = sim;
    }

    void handle(HttpExchange ex, String path) throws IOException {
        String method = ex.getRequestMethod();
        try {
            if (path.equals("/_sim") || path.equals("/_sim/")) {
                if (!method.equals("GET") && !method.equals("HEAD")) throw new Bad(405, "use GET /_sim");
                SimService.sendJson(ex, 200, state());
            } else if (path.equals("/_sim/faults")) {
                switch (method) {
                    case "POST" -> {
                        Fault f = parse(ex.getRequestBody().readAllBytes());
                        sim.apply(f, "api");
                        SimService.sendJson(ex, 200, Map.of("on", f.describe(), "faults", describe(sim.faults())));
                    }
                    case "DELETE" -> {
                        String backend = query(ex, "backend");
                        if (backend != null) sim.backend(backend);
                        int n = sim.clearAll(backend, "api");
                        SimService.sendJson(ex, 200, Map.of("cleared", n, "faults", describe(sim.faults())));
                    }
                    case "GET", "HEAD" -> SimService.sendJson(ex, 200, Map.of("faults", describe(sim.faults())));
                    default -> throw new Bad(405, "use POST /_sim/faults to switch a fault on, DELETE to switch faults off");
                }
            } else {
                throw new Bad(404, "no " + path + " (valid: GET /_sim, POST|DELETE /_sim/faults)");
            }
        } catch (Bad e) {
            SimService.sendJson(ex, e.status, Map.of("error", e.getMessage()));
        } catch (IllegalArgumentException e) {
            SimService.sendJson(ex, 400, Map.of("error", e.getMessage()));
        }
    }

    private static final class Bad extends RuntimeException {
        final int status;

        Bad(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static String query(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getQuery();
        if (q == null) return null;
        for (String part : q.split("&")) {
            String[] kv = part.split("=", 2);
            if (kv[0].equals(name)) return kv.length == 2 ? kv[1] : "";
        }
        return null;
    }

    /** A fault from the API's JSON. */
    static Fault parse(byte[] body) {
        Object json;
        try {
            json = JsonSupport.read(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: send {\"fault\":\"down\",\"backend\":\"b1\"}");
        }
        if (!(json instanceof Map<?, ?> m)) throw new IllegalArgumentException("the body must be a JSON object such as {\"fault\":\"down\",\"backend\":\"b1\"}");
        return parse(m);
    }

    /** A fault from its fields: fault, backend ("all" or absent: every one), latency, rate ("20%" or 0.2), status. */
    static Fault parse(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!List.of("fault", "backend", "latency", "rate", "status").contains(String.valueOf(k))) {
                throw new IllegalArgumentException("'" + k + "' is not a field of a fault (valid: fault, backend, latency, rate, status)");
            }
        }
        if (!(m.get("fault") instanceof String kind)) throw new IllegalArgumentException("'fault' must be one of down, hang, partition, slow, errors");
        Object backend = m.get("backend");
        if (backend != null && !(backend instanceof String)) throw new IllegalArgumentException("'backend' must be a backend's name such as \"b1\"");
        String b = backend == null || backend.equals("all") ? null : (String) backend;
        Fault.Kind k = Fault.Kind.of(kind);
        Duration latency = null;
        if (m.get("latency") != null) latency = Durations.parse(String.valueOf(m.get("latency")));
        double rate = 0;
        Object r = m.get("rate");
        if (r instanceof Number n) rate = n.doubleValue() > 1 ? n.doubleValue() / 100 : n.doubleValue();
        else if (r instanceof String s && s.endsWith("%")) {
            try {
                rate = Double.parseDouble(s.substring(0, s.length() - 1)) / 100;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'rate' must be a share such as \"20%\" or 0.2, got '" + s + "'");
            }
        } else if (r != null) throw new IllegalArgumentException("'rate' must be a share such as \"20%\" or 0.2, got '" + r + "'");
        int status = 500;
        Object s = m.get("status");
        if (s instanceof Number n) status = n.intValue();
        else if (s != null) throw new IllegalArgumentException("'status' must be a number such as 503");
        return new Fault(k, b, latency, rate, status);
    }

    private static List<String> describe(List<Fault> faults) {
        return faults.stream().map(Fault::describe).toList();
    }

    /** The state {@code GET /_sim} shows; also what a run's summary keeps of its simulated service. */
    Map<String, Object> state() {
        Map<String, Object> out = new LinkedHashMap<>();
        SimConfig c = sim.config();
        out.put("url", sim.url());
        out.put("balancer", c.balancing().word() + (c.balancing() == Balancing.HASH ? " on " + (c.hashHeader() == null ? "path" : c.hashHeader()) : ""));
        out.put("healthCheck", c.health().describe());
        out.put("upstreamTimeout", Durations.format(c.upstreamTimeout()));
        out.put("inRotation", sim.inRotation());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Backend b : sim.backends) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", b.name());
            m.put("weight", b.config.weight());
            m.put("latency", b.config.latency().describe());
            m.put("capacity", b.config.capacity());
            m.put("healthy", b.healthy);
            m.put("requests", b.requests.sum());
            m.put("errors", b.errors.sum());
            m.put("refused", b.refused.sum());
            m.put("timedOut", b.timedOut.sum());
            m.put("inFlight", b.inFlight.get());
            m.put("queued", b.queued());
            Histogram h = b.latencyTotal();
            m.put("p50Ms", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(50) / 1000.0);
            m.put("p99Ms", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(99) / 1000.0);
            m.put("cpuCores", Math.round(b.cpu() * 1000) / 1000.0);
            m.put("memoryBytes", b.memoryBytes());
            list.add(m);
        }
        out.put("backends", list);
        out.put("noBackend", sim.noBackend.sum());
        out.put("faults", describe(sim.faults()));
        return out;
    }

    /** Prometheus text: requests per route, and per backend its counters, health, latency and figures. */
    byte[] metrics() {
        StringBuilder b = new StringBuilder();
        header(b, "barrage_sim_requests_total", "counter", "Requests received by the simulated service, per route.");
        sim.counts.forEach((route, n) -> b.append("barrage_sim_requests_total{route=\"").append(route).append("\"} ").append(n.sum()).append('\n'));
        header(b, "barrage_sim_backend_requests_total", "counter", "Requests a backend answered.");
        for (Backend x : sim.backends) line(b, "barrage_sim_backend_requests_total", x, x.requests.sum());
        header(b, "barrage_sim_backend_errors_total", "counter", "Responses of status 500 or more a backend sent.");
        for (Backend x : sim.backends) line(b, "barrage_sim_backend_errors_total", x, x.errors.sum());
        header(b, "barrage_sim_backend_refused_total", "counter", "Requests the balancer could not send: the backend refused (502).");
        for (Backend x : sim.backends) line(b, "barrage_sim_backend_refused_total", x, x.refused.sum());
        header(b, "barrage_sim_backend_timeouts_total", "counter", "Requests the backend did not answer in the upstream timeout (504).");
        for (Backend x : sim.backends) line(b, "barrage_sim_backend_timeouts_total", x, x.timedOut.sum());
        header(b, "barrage_sim_backend_in_flight", "gauge", "Requests at a backend: queued or being served.");
        for (Backend x : sim.backends) line(b, "barrage_sim_backend_in_flight", x, x.inFlight.get());
        header(b, "barrage_sim_backend_queued", "gauge", "Requests waiting for a place in a backend's capacity.");
        for (Backend x : sim.backends) line(b, "barrage_sim_backend_queued", x, x.queued());
        header(b, "barrage_sim_backend_healthy", "gauge", "1 while the balancer's health check keeps the backend in rotation.");
        for (Backend x : sim.backends) line(b, "barrage_sim_backend_healthy", x, x.healthy ? 1 : 0);
        header(b, "barrage_sim_backend_cpu_cores", "gauge", "CPU a backend reports (simulated).");
        for (Backend x : sim.backends) b.append("barrage_sim_backend_cpu_cores{backend=\"").append(x.name()).append("\"} ").append(x.cpu()).append('\n');
        header(b, "barrage_sim_backend_memory_bytes", "gauge", "Memory a backend reports (simulated).");
        for (Backend x : sim.backends) line(b, "barrage_sim_backend_memory_bytes", x, x.memoryBytes());
        header(b, "barrage_sim_backend_latency_seconds", "summary", "Time from the balancer to the backend's answer, queueing included.");
        for (Backend x : sim.backends) {
            Histogram h = x.latencyTotal();
            for (double q : new double[] {0.5, 0.9, 0.99}) {
                b.append("barrage_sim_backend_latency_seconds{backend=\"").append(x.name()).append("\",quantile=\"").append(q).append("\"} ")
                        .append(h.getTotalCount() == 0 ? "NaN" : Double.toString(h.getValueAtPercentile(q * 100) / 1e6)).append('\n');
            }
            b.append("barrage_sim_backend_latency_seconds_sum{backend=\"").append(x.name()).append("\"} ").append(h.getMean() * h.getTotalCount() / 1e6).append('\n');
            b.append("barrage_sim_backend_latency_seconds_count{backend=\"").append(x.name()).append("\"} ").append(h.getTotalCount()).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void header(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void line(StringBuilder b, String name, Backend x, long v) {
        b.append(name).append("{backend=\"").append(x.name()).append("\"} ").append(v).append('\n');
    }
}
