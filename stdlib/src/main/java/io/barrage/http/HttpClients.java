package io.barrage.http;

import io.barrage.http.okhttp.OkHttpTransport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP clients of one run: one transport per distinct client setting, all sharing one
 * connection pool. Close it when the run ends (the DSL adds it to the plan's resources).
 */
public final class HttpClients implements AutoCloseable {
    private final Map<String, HttpTransport> transports = new ConcurrentHashMap<>();
    private final OkHttpTransport.Shared okhttp = new OkHttpTransport.Shared();

    /** The transport for a scenario's settings. */
    public HttpTransport transport(HttpConfig config) {
        String key = clientName(config) + "|" + config.connectTimeout() + "|" + config.timeout() + "|" + config.followRedirects();
        return transports.computeIfAbsent(key, k -> okhttp.transport(config));
    }

    /** The client that runs for a config: this release has OkHttp only; {@code auto} picks it. */
    public static String clientName(HttpConfig config) {
        return switch (config.client()) {
            case "auto", "okhttp" -> "okhttp";
            default -> throw new IllegalArgumentException("unknown HTTP client '" + config.client() + "' (valid: auto, okhttp)");
        };
    }

    @Override
    public void close() {
        okhttp.close();
        transports.clear();
    }
}
