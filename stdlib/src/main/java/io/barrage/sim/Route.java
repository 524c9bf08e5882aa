package io.barrage.sim;

/**
 * A configured endpoint of the simulated service: requests whose path matches {@code path}
 * ({@code {name}} matches one segment) get {@code status} and a body of {@code bodyBytes} bytes
 * (or {@code body}), after the backend's latency plus {@code latency}, failing with {@code errorRate}.
 *
 * @param method null for any method
 */
public record Route(String method, String path, int status, String body, int bodyBytes, LatencyModel latency, double errorRate) {

    public Route {
        if (path == null || !path.startsWith("/")) throw new IllegalArgumentException("a route's path must start with '/', got '" + path + "'");
        if (path.startsWith("/_sim")) throw new IllegalArgumentException("paths under /_sim are the simulator's own");
        if (status == 0) status = 200;
        if (status < 100 || status > 599) throw new IllegalArgumentException("route " + path + ": status must be 100..599, got " + status);
        if (bodyBytes < 0 || bodyBytes > 16 << 20) throw new IllegalArgumentException("route " + path + ": body size must be 0..16 MB");
        if (latency == null) latency = LatencyModel.ZERO;
        if (!(errorRate >= 0 && errorRate <= 1)) throw new IllegalArgumentException("route " + path + ": errors must be between 0% and 100%");
        if (method != null) method = method.toUpperCase();
    }

    public static Route of(String path) {
        return new Route(null, path, 200, null, 0, LatencyModel.ZERO, 0);
    }

    /** True if {@code requestPath} matches, segment by segment. */
    public boolean matches(String requestMethod, String requestPath) {
        if (method != null && !method.equals(requestMethod)) return false;
        if (path.indexOf('{') < 0) return path.equals(requestPath);
        String[] want = path.split("/", -1), got = requestPath.split("/", -1);
        if (want.length != got.length) return false;
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (got[i].isEmpty()) return false;
            } else if (!want[i].equals(got[i])) {
                return false;
            }
        }
        return true;
    }
}
