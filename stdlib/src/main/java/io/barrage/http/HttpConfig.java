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
 */
public record HttpConfig(URI baseUrl, Map<String, String> headers, Duration connectTimeout, Duration timeout,
                         boolean followRedirects, String client, boolean compression, boolean http2, String trustStore,
                         String trustStorePassword, boolean insecure, int maxConnections, List<String> localAddresses) {

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
                null, null, false, 0, null);
    }

    public HttpConfig withBaseUrl(String url) {
        return withBaseUrl(url == null ? null : URI.create(url));
    }

    public HttpConfig withBaseUrl(URI url) {
        return new HttpConfig(url, headers, connectTimeout, timeout, followRedirects, client, compression, http2, trustStore,
                trustStorePassword, insecure, maxConnections, localAddresses);
    }

    public HttpConfig withHeaders(Map<String, String> h) {
        return new HttpConfig(baseUrl, h, connectTimeout, timeout, followRedirects, client, compression, http2, trustStore,
                trustStorePassword, insecure, maxConnections, localAddresses);
    }

    public HttpConfig withTimeouts(Duration connect, Duration call) {
        return new HttpConfig(baseUrl, headers, connect, call, followRedirects, client, compression, http2, trustStore,
                trustStorePassword, insecure, maxConnections, localAddresses);
    }

    public HttpConfig withFollowRedirects(boolean follow) {
        return new HttpConfig(baseUrl, headers, connectTimeout, timeout, follow, client, compression, http2, trustStore,
                trustStorePassword, insecure, maxConnections, localAddresses);
    }

    public HttpConfig withClient(String name) {
        return new HttpConfig(baseUrl, headers, connectTimeout, timeout, followRedirects, name, compression, http2, trustStore,
                trustStorePassword, insecure, maxConnections, localAddresses);
    }

    public HttpConfig withCompression(boolean on) {
        return new HttpConfig(baseUrl, headers, connectTimeout, timeout, followRedirects, client, on, http2, trustStore,
                trustStorePassword, insecure, maxConnections, localAddresses);
    }

    public HttpConfig withHttp2(boolean on) {
        return new HttpConfig(baseUrl, headers, connectTimeout, timeout, followRedirects, client, compression, on, trustStore,
                trustStorePassword, insecure, maxConnections, localAddresses);
    }

    public HttpConfig withTrustStore(String path, String password) {
        return new HttpConfig(baseUrl, headers, connectTimeout, timeout, followRedirects, client, compression, http2, path,
                password, insecure, maxConnections, localAddresses);
    }

    public HttpConfig withInsecure(boolean on) {
        return new HttpConfig(baseUrl, headers, connectTimeout, timeout, followRedirects, client, compression, http2, trustStore,
                trustStorePassword, on, maxConnections, localAddresses);
    }

    public HttpConfig withMaxConnections(int n) {
        return new HttpConfig(baseUrl, headers, connectTimeout, timeout, followRedirects, client, compression, http2, trustStore,
                trustStorePassword, insecure, n, localAddresses);
    }

    public HttpConfig withLocalAddresses(List<String> addresses) {
        return new HttpConfig(baseUrl, headers, connectTimeout, timeout, followRedirects, client, compression, http2, trustStore,
                trustStorePassword, insecure, maxConnections, addresses);
    }

    /** What a transport depends on: everything but the target and the default headers. */
    HttpConfig transportKey() {
        return new HttpConfig(null, Map.of(), connectTimeout, timeout, followRedirects, client, compression, http2, trustStore,
                trustStorePassword, insecure, maxConnections, localAddresses);
    }
}
