package io.barrage.http.okhttp;

import io.barrage.http.HttpConfig;
import io.barrage.http.HttpRequest;
import io.barrage.http.HttpTransport;
import io.barrage.http.TimingCollector;
import io.barrage.http.TransportResponse;
import io.barrage.http.lean.Tls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.CookieJar;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Headers;
import okhttp3.HttpUrl;
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
    /**
     * OkHttp's pool finds a connection by scanning all of them, so one pool with thousands of
     * connections costs thousands of steps per call. Virtual users are spread over this many pools
     * (by global index), which keeps every scan short.
     */
    static final int LANES = 8;

    private final Shared shared;
    private final HttpConfig config;
    /**
     * OkHttp parses every URL it is given into an HttpUrl (two thirds of what a call allocated,
     * measured with JFR); a load test asks for the same few URLs again and again.
     */
    private final Map<String, HttpUrl> urls = new ConcurrentHashMap<>();
    private static final int MAX_URLS = 10_000;
    private final OkHttpClient[] cleartext = new OkHttpClient[LANES];
    private final OkHttpClient[] tls = new OkHttpClient[LANES];

    private OkHttpTransport(Shared shared, HttpConfig config) {
        this.shared = shared;
        this.config = config;
    }

    /** The client of a lane for a scheme; TLS (trust store, SSL context) is set up only when an https URL is first used. */
    private OkHttpClient client(boolean https, int lane) {
        OkHttpClient[] clients = https ? tls : cleartext;
        OkHttpClient c;
        synchronized (clients) {
            c = clients[lane];
            if (c == null) {
                c = shared.base(https, lane).newBuilder()
                        .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                        .writeTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                        .followRedirects(config.followRedirects())
                        .followSslRedirects(config.followRedirects())
                        .protocols(config.http2() ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1) : List.of(Protocol.HTTP_1_1))
                        .build();
                if (https && (config.insecure() || config.trustStore() != null)) c = ownTrust(c);
                clients[lane] = c;
            }
        }
        return c;
    }

    /** A client with the config's trust store, or trusting anything when {@code insecure} is asked for. */
    private OkHttpClient ownTrust(OkHttpClient c) {
        try {
            Tls t = Tls.create(config.trustStore(), config.trustStorePassword(), config.insecure());
            OkHttpClient.Builder b = c.newBuilder().sslSocketFactory(t.factory(), t.trustManager());
            if (config.insecure()) b.hostnameVerifier((host, session) -> true);
            return b.build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The clients of one run: per lane a connection pool, with a cleartext-only base client (no TLS
     * set-up at all, which costs a trust-store load) and, on first https use, a TLS base client.
     */
    public static final class Shared implements AutoCloseable {
        private final OkHttpClient[] cleartext = new OkHttpClient[LANES];
        private final OkHttpClient[] tls = new OkHttpClient[LANES];
        private final ConnectionPool[] pools = new ConnectionPool[LANES];
        private OkHttpClient tlsRoot;

        synchronized OkHttpClient base(boolean https, int lane) {
            if (pools[lane] == null) pools[lane] = new ConnectionPool(10_000, 5, TimeUnit.MINUTES);
            if (https) {
                if (tlsRoot == null) tlsRoot = builder().build();   // one TLS set-up, shared by the lanes
                if (tls[lane] == null) tls[lane] = tlsRoot.newBuilder().connectionPool(pools[lane]).build();
                return tls[lane];
            }
            if (cleartext[lane] == null) {
                cleartext[lane] = builder().connectionPool(pools[lane]).connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).build();
            }
            return cleartext[lane];
        }

        private OkHttpClient.Builder builder() {
            return new OkHttpClient.Builder()
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
            for (ConnectionPool p : pools) if (p != null) p.evictAll();
            for (OkHttpClient[] group : new OkHttpClient[][] {cleartext, tls}) {
                for (OkHttpClient c : group) if (c != null) c.dispatcher().executorService().shutdown();
            }
        }
    }

    @Override
    public String name() {
        return "okhttp";
    }

    @Override
    public TransportResponse execute(HttpRequest request, TimingCollector timings, Session session) throws IOException {
        Request.Builder b = new Request.Builder().url(url(request.uri().toString())).tag(TimingCollector.class, timings);
        for (Map.Entry<String, String> h : request.defaults().values().entrySet()) {
            if (!request.headers().isEmpty() && overridden(request.headers(), h.getKey())) continue;
            b.header(h.getKey(), h.getValue());
        }
        for (Map.Entry<String, String> h : request.headers().entrySet()) b.header(h.getKey(), h.getValue());
        if (!config.compression() && request.header("Accept-Encoding") == null) b.header("Accept-Encoding", "identity");
        MediaType type = request.contentType() == null ? null : MediaType.parse(request.contentType());
        RequestBody body = null;
        if (request.bodyStream() != null) {
            body = new StreamBody(request.bodyStream(), type);
        } else if (request.hasBody()) {
            body = RequestBody.create(request.body(), type);
        } else if (requiresBody(request.method())) {
            body = RequestBody.create(new byte[0], null);
        }
        b.method(request.method(), body);
        int lane = (int) Math.floorMod(request.user(), (long) LANES);
        Call call = client("https".equalsIgnoreCase(request.uri().getScheme()), lane).newCall(b.build());
        if (request.timeout() != null) call.timeout().timeout(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        try (Response response = call.execute()) {
            ResponseBody rb = response.body();
            byte[] bytes = rb.bytes();
            timings.callEnd(System.nanoTime());
            return new TransportResponse(response.code(), response.message(), headers(response.headers()), bytes,
                    response.protocol() == Protocol.HTTP_1_1 ? "http/1.1" : response.protocol().toString());
        }
    }

    private HttpUrl url(String text) {
        HttpUrl u = urls.get(text);
        if (u == null) {
            u = HttpUrl.get(text);
            if (urls.size() >= MAX_URLS) urls.clear();   // many distinct URLs: keep the cache small, not exact
            urls.put(text, u);
        }
        return u;
    }

    private static boolean overridden(Map<String, String> own, String name) {
        for (String k : own.keySet()) if (k.equalsIgnoreCase(name)) return true;
        return false;
    }

    /** A body sent from a stream, once, chunked. */
    private static final class StreamBody extends RequestBody {
        private final java.io.InputStream in;
        private final MediaType type;

        StreamBody(java.io.InputStream in, MediaType type) {
            this.in = in;
            this.type = type;
        }

        @Override public MediaType contentType() { return type; }
        @Override public boolean isOneShot() { return true; }

        @Override
        public void writeTo(okio.BufferedSink sink) throws IOException {
            sink.writeAll(okio.Okio.source(in));
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
        @Override public void requestHeadersStart(Call call) { t.writeStart(System.nanoTime()); }
        @Override public void requestHeadersEnd(Call call, Request request) { t.requestEnd(System.nanoTime()); }
        @Override public void requestBodyEnd(Call call, long byteCount) { t.requestEnd(System.nanoTime()); }
        @Override public void responseHeadersStart(Call call) { t.responseStart(System.nanoTime()); }
        @Override public void responseHeadersEnd(Call call, Response response) { t.headersEnd(System.nanoTime()); }
        @Override public void responseBodyEnd(Call call, long byteCount) { t.bodyEnd(System.nanoTime()); }
    }
}
