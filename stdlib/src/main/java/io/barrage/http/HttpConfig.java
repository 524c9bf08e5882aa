package io.barrage.http;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a scenario talks HTTP: the target, default headers, timeouts, redirects and which client runs.
 *
 * @param baseUrl         relative paths are resolved against it; null means every URL must be absolute
 * @param headers         sent with every request
 * @param connectTimeout  TCP (and TLS) connect
 * @param timeout         the longest wait for the server at any point of a call (OkHttp: read and write
 *                        timeouts; a request's own {@code timeout:} bounds the whole call)
 * @param followRedirects follow 3xx responses (off by default: a load test counts what it asked for)
 * @param client          {@code okhttp} (this release's client) or {@code auto}
 */
public record HttpConfig(URI baseUrl, Map<String, String> headers, Duration connectTimeout, Duration timeout,
                         boolean followRedirects, String client) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public HttpConfig {
        headers = headers == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(headers));
        if (connectTimeout == null) connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        if (timeout == null) timeout = DEFAULT_TIMEOUT;
        if (client == null) client = "auto";
    }

    public static HttpConfig of(String baseUrl) {
        return new HttpConfig(baseUrl == null ? null : URI.create(baseUrl), Map.of(), null, null, false, null);
    }

    public HttpConfig withBaseUrl(String url) {
        return new HttpConfig(url == null ? null : URI.create(url), headers, connectTimeout, timeout, followRedirects, client);
    }

    public HttpConfig withHeaders(Map<String, String> h) {
        return new HttpConfig(baseUrl, h, connectTimeout, timeout, followRedirects, client);
    }

    public HttpConfig withTimeouts(Duration connect, Duration call) {
        return new HttpConfig(baseUrl, headers, connect, call, followRedirects, client);
    }

    public HttpConfig withFollowRedirects(boolean follow) {
        return new HttpConfig(baseUrl, headers, connectTimeout, timeout, follow, client);
    }

    public HttpConfig withClient(String name) {
        return new HttpConfig(baseUrl, headers, connectTimeout, timeout, followRedirects, name);
    }
}
