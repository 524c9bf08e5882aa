package io.barrage.http;

import io.barrage.http.lean.LeanTransport;
import io.barrage.http.okhttp.OkHttpTransport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP clients of one run: one transport per distinct client setting. barrage's own lean
 * HTTP/1.1 client runs by default; OkHttp runs when HTTP/2 or a proxy is asked for, or when forced
 * for every scenario ({@link HttpClientChoice}).
 * Close it when the run ends (the plan holds it among its resources).
 */
public final class HttpClients implements AutoCloseable {
    private final Map<HttpConfig, HttpTransport> transports = new ConcurrentHashMap<>();
    private final OkHttpTransport.Shared okhttp = new OkHttpTransport.Shared();
    private final String forced;

    /** The clients of a run, each scenario on the client it asks for. */
    public HttpClients() {
        this(HttpClientChoice.SCENARIO);
    }

    /** The clients of a run, with every scenario on {@code choice}'s client unless it is {@link HttpClientChoice#SCENARIO}. */
    public HttpClients(HttpClientChoice choice) {
        this.forced = choice.forced();
    }

    /** @param forced {@code lean} or {@code okhttp} for every scenario, or null for each scenario's choice */
    public HttpClients(String forced) {
        if (forced != null && !forced.equals("lean") && !forced.equals("okhttp")) {
            throw new IllegalArgumentException("unknown HTTP client '" + forced + "' (valid: lean, okhttp)");
        }
        this.forced = forced;
    }

    /** The transport for a scenario's settings. */
    public HttpTransport transport(HttpConfig config) {
        HttpConfig key = config.withClient(clientFor(config)).transportKey();
        return transports.computeIfAbsent(key, k -> k.client().equals("okhttp") ? okhttp.transport(k) : new LeanTransport(k));
    }

    /** The client that runs for a config, after the run-wide choice. */
    public String clientFor(HttpConfig config) {
        return clientName(forced != null ? config.withClient(forced) : config);
    }

    /**
     * The client that runs for a config: {@code lean} for HTTP/1.1, {@code okhttp} for HTTP/2 or
     * behind a proxy (system properties {@code http.proxyHost}, {@code https.proxyHost}, {@code socksProxyHost}).
     *
     * @throws IllegalArgumentException for an unknown name, or the lean client with HTTP/2
     */
    public static String clientName(HttpConfig config) {
        return switch (config.client()) {
            case "auto" -> config.http2() || proxied() ? "okhttp" : "lean";
            case "okhttp" -> "okhttp";
            case "lean" -> {
                if (config.http2()) throw new IllegalArgumentException("the lean client speaks HTTP/1.1 only: use client 'okhttp' (or 'auto') for http2");
                yield "lean";
            }
            default -> throw new IllegalArgumentException("unknown HTTP client '" + config.client() + "' (valid: "
                    + String.join(", ", HttpConfig.CLIENTS) + ")");
        };
    }

    private static boolean proxied() {
        return System.getProperty("http.proxyHost") != null || System.getProperty("https.proxyHost") != null
                || System.getProperty("socksProxyHost") != null;
    }

    @Override
    public void close() {
        for (HttpTransport t : transports.values()) t.close();
        okhttp.close();
        transports.clear();
    }
}
