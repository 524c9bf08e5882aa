package io.barrage.sim;

import java.util.List;
import java.util.Map;

/**
 * The balancer's active health check. Each {@link #check()} probes every backend: a refused
 * connection fails at once, a hanging or cut-off backend fails (its probe times out), anything else
 * passes — a slow or erroring backend still answers its health endpoint, as in most services.
 * Crossing a threshold takes a backend out of rotation or puts it back, and says so.
 */
final class HealthChecker {
    private final HealthCheck config;
    private final List<Backend> backends;
    private final Balancer balancer;
    private final SimEvents events;

    HealthChecker(HealthCheck config, List<Backend> backends, Balancer balancer, SimEvents events) {
        this.config = config;
        this.backends = backends;
        this.balancer = balancer;
        this.events = events;
    }

    /** One round of probes. Returns true if the rotation changed. */
    synchronized boolean check() {
        boolean changed = false;
        for (Backend b : backends) {
            boolean passed = !b.down && !b.unreachable();
            if (passed) {
                b.failures = 0;
                b.successes++;
                if (!b.healthy && b.successes >= config.healthyAfter()) {
                    b.healthy = true;
                    changed = true;
                    events.emit("health check: " + b.name() + " is back in rotation", Map.of("backend", b.name(), "healthy", true));
                }
            } else {
                b.successes = 0;
                b.failures++;
                if (b.healthy && b.failures >= config.unhealthyAfter()) {
                    b.healthy = false;
                    changed = true;
                    String why = b.down ? "connection refused" : "probe timed out after " + io.barrage.engine.format.Durations.format(config.timeout());
                    events.emit("health check: " + b.name() + " taken out of rotation (" + why + ")", Map.of("backend", b.name(), "healthy", false));
                }
            }
        }
        if (changed) balancer.refresh();
        return changed;
    }

    /** Probes every interval until interrupted. */
    void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(config.interval());
                check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
