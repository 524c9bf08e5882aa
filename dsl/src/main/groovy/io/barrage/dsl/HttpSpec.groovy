package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.PackageScope
import io.barrage.http.HttpConfig
import java.time.Duration

/** {@code http { header 'Accept', 'application/json'; timeout 5.s; client 'okhttp' }} */
@CompileStatic
class HttpSpec {
    private final DslContext ctx
    @PackageScope final Map<String, String> headers = [:]
    @PackageScope Duration timeout
    @PackageScope Duration connectTimeout
    @PackageScope boolean followRedirects
    @PackageScope String client = 'auto'
    @PackageScope boolean compression
    @PackageScope boolean http2
    @PackageScope String trustStore
    @PackageScope String trustStorePassword
    @PackageScope boolean insecure
    @PackageScope int maxConnections
    @PackageScope List<String> localAddresses = []
    @PackageScope io.barrage.http.RetryPolicy retry

    HttpSpec(DslContext ctx) {
        this.ctx = ctx
    }

    /** A header sent with every request. */
    void header(String name, String value) { headers.put(name, value) }

    /** Headers sent with every request. */
    void headers(Map<String, ?> values) { values.each { k, v -> headers.put(k, String.valueOf(v)) } }

    /** The longest the server may keep a call waiting at any point (default 30 s); a request's own {@code timeout:} bounds the whole call. */
    void timeout(Duration d) { timeout = positive('timeout', d) }

    /** The longest a connect may take (default 10 s). */
    void connectTimeout(Duration d) { connectTimeout = positive('connectTimeout', d) }

    /** A timeout must be > 0: a problem at its line otherwise (and the default stays). */
    private Duration positive(String word, Duration d) {
        if (!d.isNegative() && !d.isZero()) return d
        ctx.problem("${word} must be > 0, got ${io.barrage.engine.format.Durations.format(d)}")
        null
    }

    /** Follow redirects (off by default: a load test counts what it asked for). */
    void followRedirects(boolean follow) { followRedirects = follow }

    /** Which client runs: {@code auto} (lean for HTTP/1.1, OkHttp for HTTP/2), {@code lean} or {@code okhttp}. */
    void client(String name) {
        if (name in HttpConfig.CLIENTS) client = name
        else ctx.problem("unknown HTTP client '${name}' (valid: ${HttpConfig.CLIENTS.join(', ')})")
    }

    /** Ask for gzip/deflate bodies and decode them (off by default). */
    void compression(boolean on) { compression = on }

    /** Use HTTP/2 where the server offers it (runs the OkHttp client). */
    void http2(boolean on) { http2 = on }

    /** Trust the certificates in a PKCS12 or JKS file (the target's own, or its CA) instead of the JDK's. */
    void trustStore(String path, String password = null) {
        if (!new File(path).file) {
            ctx.problem("trust store '${path}' is not a file")
            return
        }
        trustStore = path
        trustStorePassword = password
    }

    /** Accept any certificate and host name: for test servers only. */
    void insecure(boolean on) { insecure = on }

    /** Per target, the connections open-model arrivals share (default 10 000); past it a call waits, timed as {@code wait}. */
    void maxConnections(int n) {
        if (n < 1) ctx.problem("maxConnections must be at least 1, not ${n}")
        else maxConnections = n
    }

    /**
     * Retries of every failed call of the scenario ({@code retry attempts: 3, backoff: 100.ms}); a
     * request's own {@code retry:} wins. Bad settings are a problem at the line.
     */
    void retry(Map settings) {
        try {
            retry = Retries.parse(settings)
        } catch (IllegalArgumentException e) {
            ctx.problem(e.message)
        }
    }

    /** {@code retry 3}: three tries in all, with the default backoff. */
    void retry(int attempts) {
        try {
            retry = Retries.parse(attempts)
        } catch (IllegalArgumentException e) {
            ctx.problem(e.message)
        }
    }

    /** Local addresses to spread connections over, past the ~28 000 one address can open to one target. */
    void localAddresses(List<String> addresses) { localAddresses = new ArrayList<>(addresses) }

    @PackageScope HttpConfig config(String baseUrl) {
        new HttpConfig(baseUrl == null ? null : URI.create(baseUrl), headers, connectTimeout, timeout, followRedirects, client,
                compression, http2, trustStore, trustStorePassword, insecure, maxConnections, localAddresses, retry)
    }
}
