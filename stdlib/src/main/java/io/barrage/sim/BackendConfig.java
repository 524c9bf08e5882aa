package io.barrage.sim;

/**
 * One simulated backend (a pod) behind the balancer.
 *
 * @param name        shown in {@code X-Backend} and in every per-backend figure
 * @param weight      its share under the weighted balancer (&gt; 0)
 * @param latency     what each request takes on it, queueing aside
 * @param errorRate   share of requests (0..1) it fails with {@code errorStatus}
 * @param errorStatus the status of those failures
 * @param capacity    requests it serves at once; more wait in its queue (0: no limit)
 * @param cpuCores    CPU it reports: busy share of its capacity × cores (a figure, not a measurement)
 * @param memoryMb    memory it reports at rest; each request in flight adds 1 MB
 */
public record BackendConfig(String name, double weight, LatencyModel latency, double errorRate, int errorStatus,
                            int capacity, double cpuCores, int memoryMb) {

    public BackendConfig {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,40}")) {
            throw new IllegalArgumentException("backend name '" + name + "' must be 1–40 letters, digits, '.', '_' or '-'");
        }
        if (latency == null) latency = LatencyModel.ZERO;
        if (errorStatus == 0) errorStatus = 500;
        if (!(weight > 0) || Double.isInfinite(weight)) throw new IllegalArgumentException("backend " + name + ": weight must be > 0, got " + weight);
        if (!(errorRate >= 0 && errorRate <= 1)) throw new IllegalArgumentException("backend " + name + ": errors must be between 0% and 100%, got " + errorRate);
        if (errorStatus < 100 || errorStatus > 599) throw new IllegalArgumentException("backend " + name + ": error status must be 100..599, got " + errorStatus);
        if (capacity < 0) throw new IllegalArgumentException("backend " + name + ": capacity must be ≥ 0 (0: no limit), got " + capacity);
        if (!(cpuCores >= 0) || memoryMb < 0) throw new IllegalArgumentException("backend " + name + ": cpu and memory must be ≥ 0");
    }

    public static BackendConfig named(String name) {
        return new BackendConfig(name, 1, LatencyModel.ZERO, 0, 500, 0, 1, 256);
    }

    public BackendConfig withWeight(double w) { return new BackendConfig(name, w, latency, errorRate, errorStatus, capacity, cpuCores, memoryMb); }
    public BackendConfig withLatency(LatencyModel l) { return new BackendConfig(name, weight, l, errorRate, errorStatus, capacity, cpuCores, memoryMb); }
    public BackendConfig withErrors(double rate, int status) { return new BackendConfig(name, weight, latency, rate, status, capacity, cpuCores, memoryMb); }
    public BackendConfig withCapacity(int c) { return new BackendConfig(name, weight, latency, errorRate, errorStatus, c, cpuCores, memoryMb); }
    public BackendConfig withResources(double cores, int mb) { return new BackendConfig(name, weight, latency, errorRate, errorStatus, capacity, cores, mb); }
}
