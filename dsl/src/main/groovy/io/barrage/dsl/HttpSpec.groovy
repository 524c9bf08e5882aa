package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.PackageScope
import io.barrage.http.HttpConfig
import java.time.Duration

/** {@code http { header 'Accept', 'application/json'; timeout 5.s; client 'okhttp' }} */
@CompileStatic
class HttpSpec {
    @PackageScope final Map<String, String> headers = [:]
    @PackageScope Duration timeout
    @PackageScope Duration connectTimeout
    @PackageScope boolean followRedirects
    @PackageScope String client = 'auto'

    /** A header sent with every request. */
    void header(String name, String value) { headers.put(name, value) }

    /** Headers sent with every request. */
    void headers(Map<String, ?> values) { values.each { k, v -> headers.put(k, String.valueOf(v)) } }

    /** The longest a whole call may take (default 30 s). */
    void timeout(Duration d) { timeout = d }

    /** The longest a connect may take (default 10 s). */
    void connectTimeout(Duration d) { connectTimeout = d }

    /** Follow redirects (off by default: a load test counts what it asked for). */
    void followRedirects(boolean follow) { followRedirects = follow }

    /** Which client runs: {@code auto} or {@code okhttp}. */
    void client(String name) { client = name }

    @PackageScope HttpConfig config(String baseUrl) {
        new HttpConfig(baseUrl == null ? null : URI.create(baseUrl), headers, connectTimeout, timeout, followRedirects, client)
    }
}
