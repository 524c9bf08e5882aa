package io.barrage.http;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a scenario talks HTTP: the target, default headers, timeouts, redirects, TLS trust and which
 * client runs.
 *
 * @param baseUrl            relative paths are resolved against it; null means every URL must be absolute
 * @param headers            sent with every request
 * @param connectTimeout     TCP (and TLS) connect
 * @param timeout            the longest wait for the server at any point of a call (a request's own
 *                           {@code timeout:} bounds the whole call)
 * @param followRedirects    follow 3xx responses (off by default: a load test counts what it asked for)
 * @param client             {@code auto}, {@code lean} or {@code okhttp}
 * @param compression        ask for gzip/deflate bodies and decode them
 * @param http2              use HTTP/2 where the server offers it (the OkHttp client)
 * @param trustStore         a trust store (PKCS12 or JKS) holding the target's certificate or CA, or null for the JDK's
 * @param trustStorePassword its password, or null
 * @param insecure           accept any certificate and host name (explicit, for test servers only)
 * @param maxConnections     per target, the connections open-model arrivals share; past it a call waits
 * @param localAddresses     local addresses connections are spread over (past ~28 000 connections to one
 *                           target from one address); empty = automatic (127.0.0.x for a loopback target)
 * @param retry              the scenario's retries of failed calls, or null for none (a request's own {@code retry:} wins)
 */
public record HttpConfig(URI baseUrl, Map<String, String> headers, Duration connectTimeout, Duration timeout,
                         boolean followRedirects, String client, boolean compression, boolean http2, String trustStore,
                         String trustStorePassword, boolean insecure, int maxConnections, List<String> localAddresses,
                         RetryPolicy retry) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final List<String> CLIENTS = List.of("auto", "lean", "okhttp");

    public HttpConfig {
        headers = headers == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(headers));
        if (connectTimeout == null) connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        if (timeout == null) timeout = DEFAULT_TIMEOUT;
        if (client == null) client = "auto";
        if (maxConnections <= 0) maxConnections = DEFAULT_MAX_CONNECTIONS;
        localAddresses = localAddresses == null ? List.of() : List.copyOf(localAddresses);
    }

    public static HttpConfig of(String baseUrl) {
        return new HttpConfig(baseUrl == null ? null : URI.create(baseUrl), Map.of(), null, null, false, null, false, false,
                null, null, false, 0, null, null);
    }

    public HttpConfig withBaseUrl(String url) {
        return withBaseUrl(url == null ? null : URI.create(url));
    }

    public HttpConfig withBaseUrl(URI url) { return edit(b -> b.baseUrl = url); }
    public HttpConfig withHeaders(Map<String, String> h) { return edit(b -> b.headers = h); }
    public HttpConfig withTimeouts(Duration connect, Duration call) { return edit(b -> { b.connectTimeout = connect; b.timeout = call; }); }
    public HttpConfig withFollowRedirects(boolean follow) { return edit(b -> b.followRedirects = follow); }
    public HttpConfig withClient(String name) { return edit(b -> b.client = name); }
    public HttpConfig withCompression(boolean on) { return edit(b -> b.compression = on); }
    public HttpConfig withHttp2(boolean on) { return edit(b -> b.http2 = on); }
    public HttpConfig withTrustStore(String path, String password) { return edit(b -> { b.trustStore = path; b.trustStorePassword = password; }); }
    public HttpConfig withInsecure(boolean on) { return edit(b -> b.insecure = on); }
    public HttpConfig withMaxConnections(int n) { return edit(b -> b.maxConnections = n); }
    public HttpConfig withLocalAddresses(List<String> addresses) { return edit(b -> b.localAddresses = addresses); }
    public HttpConfig withRetry(RetryPolicy policy) { return edit(b -> b.retry = policy); }

    /** A copy with some settings changed: one place that lists every component. */
    private HttpConfig edit(java.util.function.Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return new HttpConfig(f.baseUrl, f.headers, f.connectTimeout, f.timeout, f.followRedirects, f.client, f.compression,
                f.http2, f.trustStore, f.trustStorePassword, f.insecure, f.maxConnections, f.localAddresses, f.retry);
    }

    private static final class Fields {
        URI baseUrl;
        Map<String, String> headers;
        Duration connectTimeout, timeout;
        boolean followRedirects, compression, http2, insecure;
        String client, trustStore, trustStorePassword;
        int maxConnections;
        List<String> localAddresses;
        RetryPolicy retry;

        Fields(HttpConfig c) {
            baseUrl = c.baseUrl;
            headers = c.headers;
            connectTimeout = c.connectTimeout;
            timeout = c.timeout;
            followRedirects = c.followRedirects;
            client = c.client;
            compression = c.compression;
            http2 = c.http2;
            trustStore = c.trustStore;
            trustStorePassword = c.trustStorePassword;
            insecure = c.insecure;
            maxConnections = c.maxConnections;
            localAddresses = c.localAddresses;
            retry = c.retry;
        }
    }

    /** What a transport depends on: everything but the target and the default headers. */
    HttpConfig transportKey() {
        return edit(b -> {
            b.baseUrl = null;
            b.headers = Map.of();
            b.retry = null;
        });
    }
}
