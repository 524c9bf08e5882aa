package io.barrage.http;

import io.barrage.engine.metrics.ErrorKinds;
import io.barrage.engine.metrics.StepMetrics;
import io.barrage.engine.user.Vu;
import io.barrage.engine.user.VuStopped;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One virtual user's HTTP: {@code get}, {@code post}, {@code put}, {@code patch}, {@code delete},
 * {@code head}. Each call is timed from its intended start (coordinated-omission corrected), its
 * phase timings and errors are recorded under its step, its cookies are kept for this user, and it
 * never throws for a failed request: the response carries the error kind instead.
 */
public final class Http implements AutoCloseable {
    private static final String USER_AGENT = "barrage";

    private final HttpConfig config;
    private final HttpTransport transport;
    private final HeaderBlock defaults;
    private final Vu vu;
    private final CookieJar cookies = new CookieJar();
    private final HttpTransport.Session session;
    private final Map<String, URI> uris;
    private final io.barrage.balance.Balance balance;
    private io.barrage.engine.metrics.Tally backends;   // the scenario's tally of calls by backend, with balance analysis

    /**
     * What the users of one scenario share: settings, transport, the default headers encoded once,
     * and the URLs its paths resolved to (users call the same URLs again and again; an open-model
     * arrival is a new user each time, so a per-user cache would not help it).
     */
    public record Setup(HttpConfig config, HttpTransport transport, HeaderBlock defaults, Map<String, URI> uris,
                        io.barrage.balance.Balance balance) {
        static final int MAX_URIS = 10_000;

        public Setup(HttpConfig config, HttpTransport transport) {
            this(config, transport, null);
        }

        /** @param balance the scenario's balance analysis (each call's backend is counted), or null */
        public Setup(HttpConfig config, HttpTransport transport, io.barrage.balance.Balance balance) {
            this(config, transport, defaults(config), new java.util.concurrent.ConcurrentHashMap<>(), balance);
        }

        private static HeaderBlock defaults(HttpConfig config) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("User-Agent", USER_AGENT);
            config.headers().forEach((k, v) -> {
                h.keySet().removeIf(old -> old.equalsIgnoreCase(k));
                h.put(k, v);
            });
            return new HeaderBlock(h);
        }
    }

    public Http(HttpConfig config, HttpTransport transport, Vu vu) {
        this(new Setup(config, transport), vu);
    }

    public Http(Setup setup, Vu vu) {
        this.config = setup.config();
        this.transport = setup.transport();
        this.defaults = setup.defaults();
        this.vu = vu;
        this.session = transport.session(vu.persistent());
        this.uris = setup.uris();
        this.balance = setup.balance();
    }

    /** Releases this user's connections. */
    @Override
    public void close() {
        session.close();
    }

    public HttpResponse get(String path) { return request("GET", path, RequestOptions.NONE, null); }
    public HttpResponse get(String path, RequestOptions o) { return request("GET", path, o, null); }
    public HttpResponse get(String path, Consumer<HttpResponse> checks) { return request("GET", path, RequestOptions.NONE, checks); }
    public HttpResponse get(String path, RequestOptions o, Consumer<HttpResponse> checks) { return request("GET", path, o, checks); }
    public HttpResponse post(String path, RequestOptions o) { return request("POST", path, o, null); }
    public HttpResponse post(String path, RequestOptions o, Consumer<HttpResponse> checks) { return request("POST", path, o, checks); }
    public HttpResponse put(String path, RequestOptions o) { return request("PUT", path, o, null); }
    public HttpResponse patch(String path, RequestOptions o) { return request("PATCH", path, o, null); }
    public HttpResponse delete(String path) { return request("DELETE", path, RequestOptions.NONE, null); }
    public HttpResponse delete(String path, RequestOptions o) { return request("DELETE", path, o, null); }
    public HttpResponse head(String path) { return request("HEAD", path, RequestOptions.NONE, null); }

    /** This user's cookies. */
    public CookieJar cookies() {
        return cookies;
    }

    /**
     * Makes one call and records it.
     *
     * @param checks run on the response before the call is judged (may call {@code expectStatus}/{@code expect}); may be null
     */
    public HttpResponse request(String method, String path, RequestOptions o, Consumer<HttpResponse> checks) {
        if (o == null) o = RequestOptions.NONE;
        URI uri = resolve(path, o.query);
        String step = o.step != null ? o.step : StepNames.of(method, o.template != null ? o.template : path);
        byte[] body = null;
        String contentType = o.contentType;
        if (o.json != null) {
            body = JsonSupport.write(o.json);
            contentType = contentType == null ? "application/json" : contentType;
        } else if (o.form != null) {
            body = formEncode(o.form).getBytes(StandardCharsets.UTF_8);
            contentType = contentType == null ? "application/x-www-form-urlencoded" : contentType;
        } else if (o.body != null) {
            body = o.body;
        }
        Map<String, String> headers = o.headers;
        String cookie = cookies.header(uri);
        if (cookie != null) {
            headers = new LinkedHashMap<>(headers);
            headers.put("Cookie", cookie);
        }
        HttpRequest request = new HttpRequest(method, uri, defaults, headers, body, o.stream, contentType, o.timeout, vu.index());

        long start = vu.clock().nanoTime();
        long intended = vu.intendedStart(start);
        RetryPolicy retry = o.retry != null ? o.retry : config.retry();
        if (o.stream != null) retry = null;   // a streamed body is read once: never sent again
        TimingCollector timings;
        HttpResponse response;
        String kind;
        int retries = 0;
        while (true) {
            timings = new TimingCollector();
            response = attempt(method, uri, step, request, timings, retries == 0 ? start : vu.clock().nanoTime(), checks);
            kind = judge(response);
            if (retry == null || retries >= retry.attempts() - 1 || !retry.retries(response, kind) || vu.stopping()) break;
            retries++;
            vu.backoff(retry.delayNanos(retries, response, vu.random()));
        }
        long end = timings.callEnd;
        if (balance != null) {
            String backend = balance.byTarget() ? uri.getAuthority() : response.getError() == null ? response.header(balance.header()) : null;
            if (backend != null) {
                if (backends == null) backends = vu.tally(io.barrage.balance.Balance.TALLY);
                backends.record(backend);
            }
        }
        StepMetrics metrics = vu.step(step);
        metrics.record(intended, start, end, kind);
        if (retries > 0) metrics.counter(RetryPolicy.COUNTER).add(retries);
        HttpTimings t = response.getTimings();
        metrics.recordTimings(t.poolWait(), t.dns(), t.connect(), t.tls(), t.write(), t.firstByte(), t.body());
        if (timings.wasRetried()) metrics.retried();
        if (ErrorKinds.CHECK_FAILED.equals(kind)) {
            vu.warn("check failed in " + step + ": " + String.join("; ", response.getFailedChecks()));
        }
        return response;
    }

    /** One try of a call: sent, answered (cookies kept) or failed, and checked. */
    private HttpResponse attempt(String method, URI uri, String step, HttpRequest request, TimingCollector timings, long start,
                                 Consumer<HttpResponse> checks) {
        timings.callStart(start);
        HttpResponse response;
        try {
            TransportResponse r = transport.execute(request, timings, session);
            timings.callEnd(vu.clock().nanoTime());
            if (r.setsCookies()) {
                List<String> setCookie = r.headers().get("set-cookie");
                if (setCookie != null) cookies.store(uri, setCookie);
            }
            response = new HttpResponse(method, uri.toString(), step, r, timings.timings());
        } catch (IOException | RuntimeException e) {
            // Cut short by the run stopping (an interrupt), not by the target: not a failed call.
            boolean cut = Thread.currentThread().isInterrupted()
                    || (e instanceof InterruptedIOException && !ErrorKinds.TIMEOUT.equals(HttpErrors.classify(e)));
            if (cut && vu.stopping()) throw new VuStopped();
            long end = vu.clock().nanoTime();
            timings.callEnd(end);
            String kind = e instanceof IOException ? HttpErrors.classify(e) : ErrorKinds.IO;
            response = new HttpResponse(method, uri.toString(), step, kind, describe(e), timings.timings());
        }
        if (checks != null && response.getError() == null) {
            try {
                checks.accept(response);
            } catch (VuStopped stopped) {
                throw stopped;
            } catch (Throwable t) {
                response.expect("check threw " + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()), false);
            }
        }
        return response;
    }

    /**
     * The error kind of a call, one rule whether or not the script said {@code expect status:}: no
     * response is its transport kind; a status the script does not allow is counted by its class
     * ({@code status_5xx}, {@code status_4xx}; {@code status_2xx}/{@code status_3xx} when another
     * was expected); any other failed check is {@code check_failed}; else null.
     */
    static String judge(HttpResponse r) {
        if (r.getError() != null) return r.getError();
        if (!r.statusAllowed()) return ErrorKinds.status(r.getStatus());
        return r.getFailedChecks().isEmpty() ? null : ErrorKinds.CHECK_FAILED;
    }

    URI resolve(String path, Map<String, Object> query) {
        if (!query.isEmpty()) return resolveNew(path, query);
        URI uri = uris.get(path);
        if (uri == null) {
            uri = resolveNew(path, query);
            if (uris.size() >= Setup.MAX_URIS) uris.clear();   // many distinct URLs: keep the cache small, not exact
            uris.put(path, uri);
        }
        return uri;
    }

    private URI resolveNew(String path, Map<String, Object> query) {
        String url;
        if (path.startsWith("http://") || path.startsWith("https://")) {
            url = path;
        } else if (config.baseUrl() == null) {
            throw new IllegalArgumentException("'" + path + "' is a relative URL and the scenario has no target: add target 'http://host:port'");
        } else {
            String base = config.baseUrl().toString();
            if (base.endsWith("/") && path.startsWith("/")) url = base + path.substring(1);
            else if (!base.endsWith("/") && !path.startsWith("/") && !path.isEmpty()) url = base + "/" + path;
            else url = base + path;
        }
        if (!query.isEmpty()) url += (url.contains("?") ? "&" : "?") + formEncode(query);
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is not a valid URL: " + e.getMessage());
        }
    }

    static String formEncode(Map<String, ?> fields) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            Object v = e.getValue();
            Iterable<?> values = v instanceof Iterable<?> it ? it : List.of(v == null ? "" : v);
            for (Object one : values) {
                parts.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(String.valueOf(one), StandardCharsets.UTF_8));
            }
        }
        return String.join("&", parts);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
