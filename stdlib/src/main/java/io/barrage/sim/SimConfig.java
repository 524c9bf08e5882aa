package io.barrage.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How the built-in simulated service behaves: its backends behind one balancer, the balancer's
 * algorithm and health check, configured routes, and faults at start or on the run's timeline.
 *
 * @param port            0 for a free port
 * @param backends        at least one
 * @param balancing       how the balancer picks a backend
 * @param hashHeader      HASH: the request header hashed (null: the path)
 * @param health          the balancer's health check
 * @param upstreamTimeout how long the balancer waits for a backend that does not answer (then 504)
 * @param routes          configured endpoints, tried before the built-in ones
 * @param faults          faults switched on at start
 * @param timeline        faults switched on and off during a run (scripts only)
 */
public record SimConfig(int port, List<BackendConfig> backends, Balancing balancing, String hashHeader, HealthCheck health,
                        Duration upstreamTimeout, List<Route> routes, List<Fault> faults, List<TimedFault> timeline) {

    public static final int MAX_BACKENDS = 64;

    public SimConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        backends = backends == null || backends.isEmpty() ? List.of(BackendConfig.named("b1")) : List.copyOf(backends);
        if (backends.size() > MAX_BACKENDS) throw new IllegalArgumentException("at most " + MAX_BACKENDS + " backends, got " + backends.size());
        if (balancing == null) balancing = Balancing.ROUND_ROBIN;
        if (health == null) health = HealthCheck.DEFAULT;
        if (upstreamTimeout == null) upstreamTimeout = Duration.ofSeconds(5);
        if (upstreamTimeout.isNegative() || upstreamTimeout.isZero()) throw new IllegalArgumentException("upstream timeout must be > 0");
        routes = routes == null ? List.of() : List.copyOf(routes);
        faults = faults == null ? List.of() : List.copyOf(faults);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        Set<String> names = new HashSet<>();
        for (BackendConfig b : backends) {
            if (!names.add(b.name())) throw new IllegalArgumentException("backend name '" + b.name() + "' is used twice");
        }
        for (Fault f : faults) checkBackend(names, f);
        for (TimedFault t : timeline) checkBackend(names, t.fault());
    }

    private static void checkBackend(Set<String> names, Fault f) {
        if (f.backend() != null && !names.contains(f.backend())) {
            throw new IllegalArgumentException("fault '" + f.describe() + "' names backend '" + f.backend() + "'; the backends are " + String.join(", ", names.stream().sorted().toList()));
        }
    }

    /** One backend, no latency, no errors, round-robin, health checks every second. */
    public static SimConfig defaults() {
        return new SimConfig(0, List.of(BackendConfig.named("b1")), Balancing.ROUND_ROBIN, null, HealthCheck.DEFAULT,
                null, List.of(), List.of(), List.of());
    }

    /** {@code n} backends named b1..bn, each a copy of the first backend's settings. */
    public SimConfig withBackends(int n) {
        if (n < 1 || n > MAX_BACKENDS) throw new IllegalArgumentException("backends must be 1.." + MAX_BACKENDS + ", got " + n);
        BackendConfig template = backends.get(0);
        List<BackendConfig> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(new BackendConfig("b" + i, template.weight(), template.latency(), template.errorRate(), template.errorStatus(),
                    template.capacity(), template.cpuCores(), template.memoryMb()));
        }
        return withBackendList(list);
    }

    public SimConfig withBackendList(List<BackendConfig> list) {
        return new SimConfig(port, list, balancing, hashHeader, health, upstreamTimeout, routes, faults, timeline);
    }

    /** Changes every backend. */
    public SimConfig withEachBackend(UnaryOperator<BackendConfig> change) {
        return withBackendList(backends.stream().map(change).toList());
    }

    /** Changes one backend by name. */
    public SimConfig withBackend(String name, UnaryOperator<BackendConfig> change) {
        if (backends.stream().noneMatch(b -> b.name().equals(name))) {
            throw new IllegalArgumentException("no backend '" + name + "'; the backends are " + String.join(", ", backends.stream().map(BackendConfig::name).toList()));
        }
        return withBackendList(backends.stream().map(b -> b.name().equals(name) ? change.apply(b) : b).toList());
    }

    public SimConfig withPort(int p) {
        return new SimConfig(p, backends, balancing, hashHeader, health, upstreamTimeout, routes, faults, timeline);
    }

    /** Every backend's latency, spread evenly between min and max. */
    public SimConfig withLatency(Duration min, Duration max) {
        LatencyModel l = LatencyModel.uniform(min, max);
        return withEachBackend(b -> b.withLatency(l));
    }

    /** Every backend fails {@code rate} of its requests with {@code status}. */
    public SimConfig withErrors(double rate, int status) {
        return withEachBackend(b -> b.withErrors(rate, status));
    }

    public SimConfig withBalancing(Balancing b, String header) {
        return new SimConfig(port, backends, b, header, health, upstreamTimeout, routes, faults, timeline);
    }

    public SimConfig withHealth(HealthCheck h) {
        return new SimConfig(port, backends, balancing, hashHeader, h, upstreamTimeout, routes, faults, timeline);
    }

    public SimConfig withUpstreamTimeout(Duration d) {
        return new SimConfig(port, backends, balancing, hashHeader, health, d, routes, faults, timeline);
    }

    public SimConfig withRoutes(List<Route> list) {
        return new SimConfig(port, backends, balancing, hashHeader, health, upstreamTimeout, list, faults, timeline);
    }

    public SimConfig withFaults(List<Fault> list) {
        return new SimConfig(port, backends, balancing, hashHeader, health, upstreamTimeout, routes, list, timeline);
    }

    public SimConfig withTimeline(List<TimedFault> list) {
        return new SimConfig(port, backends, balancing, hashHeader, health, upstreamTimeout, routes, faults, list);
    }

    /** The backends' names, in order. */
    public List<String> backendNames() {
        return backends.stream().map(BackendConfig::name).toList();
    }
}
