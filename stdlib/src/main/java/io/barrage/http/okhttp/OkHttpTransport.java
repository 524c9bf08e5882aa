package io.barrage.http.okhttp;

import io.barrage.http.HttpConfig;
import io.barrage.http.HttpRequest;
import io.barrage.http.HttpTransport;
import io.barrage.http.TimingCollector;
import io.barrage.http.TransportResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.CookieJar;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * OkHttp behind barrage's {@code http} API: synchronous calls on the virtual user's thread, one
 * pooled client per run, timings taken by an {@link EventListener} at the points OkHttp sees them.
 * Cookies are barrage's (per virtual user), so OkHttp's jar is off; OkHttp does not retry failed
 * connections behind the script's back.
 */
public final class OkHttpTransport implements HttpTransport {
    private final Shared shared;
    private final HttpConfig config;
    private volatile OkHttpClient cleartext;
    private volatile OkHttpClient tls;

    private OkHttpTransport(Shared shared, HttpConfig config) {
        this.shared = shared;
        this.config = config;
    }

    /** The client for a scheme; TLS (trust store, SSL context) is set up only when an https URL is first used. */
    private OkHttpClient client(boolean https) {
        OkHttpClient c = https ? tls : cleartext;
        if (c == null) {
            synchronized (this) {
                c = https ? tls : cleartext;
                if (c == null) {
                    c = shared.base(https).newBuilder()
                            .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                            .writeTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                            .callTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                            .followRedirects(config.followRedirects())
                            .followSslRedirects(config.followRedirects())
                            .build();
                    if (https) tls = c;
                    else cleartext = c;
                }
            }
        }
        return c;
    }

    /**
     * The clients of one run, sharing one connection pool: a cleartext-only base (no TLS set-up at
     * all, which costs a trust-store load) and, on first https use, a TLS base.
     */
    public static final class Shared implements AutoCloseable {
        private OkHttpClient cleartext;
        private OkHttpClient tls;
        private ConnectionPool pool;

        synchronized OkHttpClient base(boolean https) {
            if (pool == null) pool = new ConnectionPool(100_000, 5, TimeUnit.MINUTES);
            if (https) {
                if (tls == null) tls = builder().build();
                return tls;
            }
            if (cleartext == null) cleartext = builder().connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).build();
            return cleartext;
        }

        private OkHttpClient.Builder builder() {
            return new OkHttpClient.Builder()
                    .connectionPool(pool)
                    .cookieJar(CookieJar.NO_COOKIES)
                    .retryOnConnectionFailure(false)
                    .eventListenerFactory(call -> {
                        TimingCollector t = call.request().tag(TimingCollector.class);
                        return t == null ? EventListener.NONE : new Timings(t);
                    });
        }

        public OkHttpTransport transport(HttpConfig config) {
            return new OkHttpTransport(this, config);
        }

        @Override
        public synchronized void close() {
            if (pool != null) pool.evictAll();
            for (OkHttpClient c : new OkHttpClient[] {cleartext, tls}) {
                if (c != null) c.dispatcher().executorService().shutdown();
            }
        }
    }

    @Override
    public String name() {
        return "okhttp";
    }

    @Override
    public TransportResponse execute(HttpRequest request, TimingCollector timings) throws IOException {
        Request.Builder b = new Request.Builder().url(request.uri().toString()).tag(TimingCollector.class, timings);
        for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
            for (String v : h.getValue()) b.addHeader(h.getKey(), v);
        }
        RequestBody body = null;
        if (request.hasBody()) {
            body = RequestBody.create(request.body(), request.contentType() == null ? null : MediaType.parse(request.contentType()));
        } else if (requiresBody(request.method())) {
            body = RequestBody.create(new byte[0], null);
        }
        b.method(request.method(), body);
        Call call = client("https".equalsIgnoreCase(request.uri().getScheme())).newCall(b.build());
        if (request.timeout() != null) call.timeout().timeout(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        try (Response response = call.execute()) {
            ResponseBody rb = response.body();
            byte[] bytes = rb.bytes();
            timings.callEnd(System.nanoTime());
            return new TransportResponse(response.code(), response.message(), headers(response.headers()), bytes,
                    response.protocol() == Protocol.HTTP_1_1 ? "http/1.1" : response.protocol().toString());
        }
    }

    private static boolean requiresBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static Map<String, List<String>> headers(Headers headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            out.computeIfAbsent(headers.name(i).toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(headers.value(i));
        }
        return out;
    }

    @Override
    public void close() {
        // The shared pool is closed by HttpClients.
    }

    /** Takes the timings of one call from OkHttp's events. */
    private static final class Timings extends EventListener {
        private final TimingCollector t;

        Timings(TimingCollector t) {
            this.t = t;
        }

        @Override public void dnsStart(Call call, String domainName) { t.dnsStart(System.nanoTime()); }
        @Override public void dnsEnd(Call call, String domainName, List<InetAddress> list) { t.dnsEnd(System.nanoTime()); }
        @Override public void connectStart(Call call, InetSocketAddress a, Proxy p) { t.connectStart(System.nanoTime()); }
        @Override public void secureConnectStart(Call call) { t.tlsStart(System.nanoTime()); }
        @Override public void secureConnectEnd(Call call, Handshake handshake) { t.tlsEnd(System.nanoTime()); }
        @Override public void connectEnd(Call call, InetSocketAddress a, Proxy p, Protocol protocol) { t.connectEnd(System.nanoTime()); }
        @Override public void requestHeadersEnd(Call call, Request request) { t.requestEnd(System.nanoTime()); }
        @Override public void requestBodyEnd(Call call, long byteCount) { t.requestEnd(System.nanoTime()); }
        @Override public void responseHeadersStart(Call call) { t.responseStart(System.nanoTime()); }
        @Override public void responseHeadersEnd(Call call, Response response) { t.headersEnd(System.nanoTime()); }
        @Override public void responseBodyEnd(Call call, long byteCount) { t.bodyEnd(System.nanoTime()); }
    }
}
