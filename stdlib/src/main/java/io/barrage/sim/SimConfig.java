package io.barrage.sim;

import java.time.Duration;

/**
 * How the built-in simulated service behaves.
 *
 * @param port        0 for a free port
 * @param latencyMin  added to every response except /fast and /metrics (uniform between min and max)
 * @param latencyMax  see latencyMin
 * @param errorRate   fraction of responses replaced by {@code errorStatus} (0..1)
 * @param errorStatus the status of injected errors
 */
public record SimConfig(int port, Duration latencyMin, Duration latencyMax, double errorRate, int errorStatus) {

    public SimConfig {
        if (latencyMin == null) latencyMin = Duration.ZERO;
        if (latencyMax == null) latencyMax = latencyMin;
        if (errorStatus == 0) errorStatus = 500;
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (latencyMin.isNegative() || latencyMax.compareTo(latencyMin) < 0) {
            throw new IllegalArgumentException("latency must be a range min..max with 0 ≤ min ≤ max");
        }
        if (!(errorRate >= 0 && errorRate <= 1)) throw new IllegalArgumentException("errors must be between 0% and 100%, got " + errorRate);
        if (errorStatus < 100 || errorStatus > 599) throw new IllegalArgumentException("error status must be 100..599, got " + errorStatus);
    }

    public static SimConfig defaults() {
        return new SimConfig(0, Duration.ZERO, Duration.ZERO, 0, 500);
    }

    public SimConfig withPort(int p) { return new SimConfig(p, latencyMin, latencyMax, errorRate, errorStatus); }
    public SimConfig withLatency(Duration min, Duration max) { return new SimConfig(port, min, max, errorRate, errorStatus); }
    public SimConfig withErrors(double rate, int status) { return new SimConfig(port, latencyMin, latencyMax, rate, status); }
}
