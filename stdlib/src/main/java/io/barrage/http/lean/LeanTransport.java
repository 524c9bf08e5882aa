package io.barrage.http.lean;

import io.barrage.engine.loop.EventLoop;
import io.barrage.engine.loop.LoopSocket;
import io.barrage.http.HttpConfig;
import io.barrage.http.HttpRequest;
import io.barrage.http.HttpTransport;
import io.barrage.http.TimingCollector;
import io.barrage.http.TransportResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * barrage's own HTTP/1.1 client: blocking sockets on virtual threads, requests written from
 * pre-encoded bytes, responses parsed from a lent buffer, no dependency beyond the JDK. Closed-model
 * users keep one connection each; open-model calls share a bounded pool per target. On an event
 * loop's virtual thread a plain connection is the loop's own socket ({@link LoopSocket}); TLS and
 * other threads use the JDK's sockets.
 */
public final class LeanTransport implements HttpTransport {
    /**
     * Sockets skip the JDK's proxy selector (a lookup per connect) unless a SOCKS proxy is configured:
     * HTTP proxies are OkHttp's (HttpClients), and a forced lean client keeps honouring SOCKS as before.
     */
    private static final boolean DIRECT = System.getProperty("socksProxyHost") == null
            && !Boolean.getBoolean("java.net.useSystemProxies");

    static final int MAX_REDIRECTS = 10;
    /**
     * A non-idempotent request on a connection idle this long first checks the server has not
     * closed it (servers close idle connections after 5 s and up; the check costs 1 ms).
     */
    static final long CHECK_IDLE_NANOS = 2_000_000_000L;
    /** How often timeouts are checked: a timeout fires up to this late. */
    static final int WATCH_MILLIS = 10;
    private static final int MAX_TARGETS = 10_000;
    /**
     * Connections to one target from one local address before the next address is used. Linux
     * gives connect() the even half of the ephemeral ports (about 14 000 of 32768-60999) first;
     * past it, every connect scans the whole range (seen: 19 000 users ramping, 88 % of a loop's
     * time in the kernel's port search, 4 s without a request), so the next address starts well before.
     */
    static final int PER_LOCAL_ADDRESS = 10_000;

    private final HttpConfig config;
    private final int connectTimeoutMs;
    private final int readTimeoutMs;
    private final Map<String, Origin> origins = new ConcurrentHashMap<>();
    /** Per URI: its target and its request-target bytes. */
    private final Map<URI, Target> targets = new ConcurrentHashMap<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    /**
     * Connections watched for timeouts: every connection in an exchange is in it. A connection
     * joins on its first exchange and leaves when the watchdog finds it idle, so a user looping
     * on one connection costs a volatile write and read per call, not a set update.
     */
    private final Set<Connection> watched = ConcurrentHashMap.newKeySet();
    private Thread watchdog;
    private final List<InetAddress> localAddresses;
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong openedOnLoops = new AtomicLong();
    private volatile Tls tls;
    private volatile boolean closed;

    private record Target(Origin origin, byte[] path) {}

    public LeanTransport(HttpConfig config) {
        this.config = config;
        this.connectTimeoutMs = (int) Math.min(Integer.MAX_VALUE, Math.max(1, config.connectTimeout().toMillis()));
        this.readTimeoutMs = (int) Math.min(Integer.MAX_VALUE, Math.max(1, config.timeout().toMillis()));
        this.localAddresses = config.localAddresses().stream().map(LeanTransport::address).toList();
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("local address '" + text + "' is not an address of this machine: " + e.getMessage());
        }
    }

    @Override
    public String name() {
        return "lean";
    }

    @Override
    public Session session(boolean sticky) {
        return new LeanSession(this, sticky);
    }

    @Override
    public TransportResponse execute(HttpRequest request, TimingCollector t, Session session) throws IOException {
        LeanSession s = session instanceof LeanSession ls ? ls : new LeanSession(this, false);
        long deadline = request.timeout() == null ? 0 : System.nanoTime() + request.timeout().toNanos();
        HttpRequest req = request;
        for (int redirects = 0; ; redirects++) {
            Connection.Result r = exchange(req, t, s, deadline);
            if (!config.followRedirects() || r.location() == null || !redirect(r.response().status())) return r.response();
            if (redirects == MAX_REDIRECTS) throw new ProtocolException("more than " + MAX_REDIRECTS + " redirects, the last to " + r.location());
            HttpRequest next = follow(req, r.response().status(), r.location());
            if (next == null) return r.response();
            req = next;
        }
    }

    private static boolean redirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The request a redirect asks for, or null when it cannot be followed (a streamed body to send again). */
    private static HttpRequest follow(HttpRequest req, int status, String location) throws ProtocolException {
        URI to;
        try {
            to = req.uri().resolve(location);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("a redirect to a location that is not a URL: " + location);
        }
        if (!"http".equalsIgnoreCase(to.getScheme()) && !"https".equalsIgnoreCase(to.getScheme())) {
            throw new ProtocolException("a redirect to a location that is not http(s): " + location);
        }
        boolean keepMethod = status == 307 || status == 308 || req.method().equals("HEAD")
                || ((status == 301 || status == 302) && req.method().equals("GET"));
        if (keepMethod && req.bodyStream() != null) return null;
        Map<String, String> headers = req.headers();
        boolean sameOrigin = same(req.uri(), to);
        if (!sameOrigin && !headers.isEmpty()) {
            headers = new LinkedHashMap<>(headers);
            headers.keySet().removeIf(k -> k.equalsIgnoreCase("Authorization") || k.equalsIgnoreCase("Cookie"));
        }
        return keepMethod
                ? new HttpRequest(req.method(), to, req.defaults(), headers, req.body(), req.bodyStream(), req.contentType(), req.timeout(), req.user())
                : new HttpRequest("GET", to, req.defaults(), headers, null, null, null, req.timeout(), req.user());
    }

    private static boolean same(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private Connection.Result exchange(HttpRequest req, TimingCollector t, LeanSession s, long deadline) throws IOException {
        Target target = target(req.uri());
        Origin origin = target.origin();
        Connection c = s.sticky ? s.take(origin) : origin.acquire(t, waitNanos(deadline));
        if (c == null) c = connect(origin, !s.sticky, t, deadline);
        if ((c.exchanges > 0 || c.prepared) && !req.idempotent() && c.idleNanos(System.nanoTime()) > CHECK_IDLE_NANOS && c.closedByPeer()) {
            // a request that must not be sent twice goes on a connection known to be open
            discard(c);
            c = reconnect(origin, s, t, deadline);
        }
        boolean reused = c.exchanges > 0 || c.prepared;
        Connection.Result r;
        try {
            r = watched(c, req, target, s.sticky, t, deadline);
        } catch (Throwable e) {
            boolean stale = reused && !c.received() && !(e instanceof SocketTimeoutException) && e instanceof IOException
                    && req.idempotent() && !Thread.currentThread().isInterrupted();
            discard(c);
            if (!stale) throw e;
            // the server had closed the kept-alive connection: send once more, on a new one
            t.retried();
            t.restartExchange();
            c = reconnect(origin, s, t, deadline);
            try {
                r = watched(c, req, target, s.sticky, t, deadline);
            } catch (Throwable again) {
                discard(c);
                throw again;
            }
        }
        // the watchdog may have closed the socket just as the exchange ended: such a connection is not kept
        if (!r.keepAlive() || c.expired()) discard(c);
        else if (s.sticky) s.keep(c);
        else origin.release(c);
        return r;
    }

    /**
     * Opens up to {@code connections} shared connections to {@code origin} ahead of the load and
     * gives them to the pool's lane of the calling thread's event loop, at most {@value
     * Origin#PREPARE_PARALLEL} connects at a time to one target whichever loops ask; stops at the
     * first failure, at a full pool, or after {@code within} (or the connect timeout, if shorter).
     * Nothing is timed or counted: the first calls meet any trouble themselves.
     */
    @Override
    public void prepare(URI uri, int connections, java.time.Duration within) {
        if (connections <= 0 || closed || uri == null || uri.getScheme() == null || uri.getHost() == null) return;
        Origin origin;
        try {
            origin = target(uri).origin();
        } catch (IOException e) {
            return;
        }
        long deadline = System.nanoTime() + Math.min(connectTimeoutMs * 1_000_000L, within.toNanos());
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(connections);
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        EventLoop loop = EventLoop.current();
        Runnable opener = () -> {
            while (!failed.get() && !closed && System.nanoTime() < deadline && left.getAndDecrement() > 0) {
                if (!origin.tryReserve(deadline)) return;
                try {
                    Connection c = connect(origin, true, new TimingCollector(), deadline);
                    c.prepared = true;
                    origin.release(c);
                } catch (IOException | RuntimeException e) {
                    failed.set(true);
                } finally {
                    origin.preparing.release();
                }
            }
        };
        int parallel = Math.min(Origin.PREPARE_PARALLEL, connections);
        Thread[] threads = new Thread[parallel];
        for (int i = 0; i < parallel; i++) {
            threads[i] = loop != null ? loop.newThread(opener) : Thread.ofVirtual().unstarted(opener);
            threads[i].start();
        }
        try {
            for (Thread t : threads) t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Opens a shared connection, claimed already, on a thread of the calling thread's event loop (or
     * a virtual thread) for the calls waiting for one ({@link Origin#openedForQueue}). Nothing is timed:
     * the calls count the time as waiting for a connection.
     */
    private void openForQueue(Origin origin) {
        Runnable opener = () -> {
            Connection c = null;
            try {
                c = connect(origin, true, new TimingCollector(), 0);
                c.prepared = true;   // kept before its first use: the server may have closed it by then
            } catch (IOException | RuntimeException e) {
                // connect freed its place; the waiting calls open one themselves or time out, each with its error
            } finally {
                origin.openedForQueue(c);
            }
        };
        EventLoop loop = EventLoop.current();
        (loop != null ? loop.newThread(opener) : Thread.ofVirtual().unstarted(opener)).start();
    }

    /** A new connection in place of a discarded one: for a shared one, a place in the pool first (not an idle connection). */
    private Connection reconnect(Origin origin, LeanSession s, TimingCollector t, long deadline) throws IOException {
        if (!s.sticky) origin.reserve(t, waitNanos(deadline));   // a full pool closes an idle connection: its place is this call's
        return connect(origin, !s.sticky, t, deadline);
    }

    private long waitNanos(long deadline) {
        return deadline == 0 ? readTimeoutMs * 1_000_000L : deadline - System.nanoTime();
    }

    private Connection.Result watched(Connection c, HttpRequest req, Target target, boolean sticky, TimingCollector t,
                                      long deadline) throws IOException {
        c.begin(deadline);
        if (!c.watched) {
            c.watched = true;
            watched.add(c);
        }
        return c.exchange(req, target.path(), config.compression(), sticky, t, deadline);
    }

    /**
     * Ends exchanges that wait too long: every {@value #WATCH_MILLIS} ms it checks the connections in
     * an exchange and closes those past their read timeout or call deadline.
     */
    private void watch() {
        io.barrage.engine.loop.EventLoops.background();
        long readTimeout = readTimeoutMs * 1_000_000L;
        while (!closed) {
            try {
                Thread.sleep(WATCH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Connection c : watched) {
                if (c.active()) {
                    c.checkExpiry(now, readTimeout);
                } else {
                    watched.remove(c);
                    c.watched = false;
                    if (c.active()) {   // an exchange began meanwhile and saw watched still true
                        c.watched = true;
                        watched.add(c);
                    }
                }
            }
        }
    }

    private synchronized void startWatchdog() {
        if (watchdog == null && !closed) {
            watchdog = Thread.ofPlatform().daemon().name("barrage-http-timeouts").start(this::watch);
        }
    }

    /** Closes a connection and forgets it; a shared one frees its place in the pool. */
    void discard(Connection c) {
        forget(c);
        if (c.shared) c.origin.discard();
    }

    /** Closes a connection and forgets it, keeping its place in the pool (for the caller to use or free). */
    private void forget(Connection c) {
        c.close();
        open.remove(c);
        watched.remove(c);
    }

    /** Opens a connection; a shared one has its place in the pool and its connect claimed already ({@link Origin#opened} ends it). */
    private Connection connect(Origin origin, boolean shared, TimingCollector t, long deadline) throws IOException {
        try {
            if (closed) throw new IOException("the HTTP client is closed");
            if (watchdog == null) startWatchdog();
            InetAddress address = origin.address(t);
            InetAddress local = localAddress(origin, address);
            long timeoutNanos = connectTimeoutMs * 1_000_000L;
            if (deadline != 0) timeoutNanos = Math.max(1_000_000L, Math.min(timeoutNanos, deadline - System.nanoTime()));
            Wire wire;
            if (origin.https || !DIRECT || EventLoop.current() == null) {
                wire = jdkSocket(origin, address, local, timeoutNanos, t);
            } else {
                wire = loopSocket(origin, address, local, timeoutNanos, t);
                openedOnLoops.incrementAndGet();
            }
            Connection c = new Connection(origin, shared, wire);
            origin.open.incrementAndGet();
            opened.incrementAndGet();
            open.add(c);
            if (closed) {
                forget(c);   // the catch below frees its place
                throw new IOException("the HTTP client is closed");
            }
            if (shared) origin.opened(true);
            return c;
        } catch (IOException | RuntimeException e) {
            if (shared) origin.opened(false);
            throw e;
        }
    }

    /** A plain connection on the current virtual thread's event loop. */
    private static Wire loopSocket(Origin origin, InetAddress address, InetAddress local, long timeoutNanos, TimingCollector t)
            throws IOException {
        t.connectStart(System.nanoTime());
        LoopSocket socket = LoopSocket.connect(new InetSocketAddress(address, origin.port), local, timeoutNanos);
        t.connectEnd(System.nanoTime());
        return new Wire.Loop(socket);
    }

    /** A JDK socket: for TLS, and for threads that are not an event loop's. */
    private Wire jdkSocket(Origin origin, InetAddress address, InetAddress local, long timeoutNanos, TimingCollector t)
            throws IOException {
        Socket socket = DIRECT ? new Socket(java.net.Proxy.NO_PROXY) : new Socket();
        try {
            socket.setTcpNoDelay(true);
            if (local != null) socket.bind(new InetSocketAddress(local, 0));
            int timeout = (int) Math.max(1, timeoutNanos / 1_000_000L);
            t.connectStart(System.nanoTime());
            socket.connect(new InetSocketAddress(address, origin.port), timeout);
            Socket plain = socket;
            if (origin.https) {
                plain.setSoTimeout(timeout);   // a handshake the server never answers; one timed read per connect is cheap
                socket = handshake(plain, origin, t);
                plain.setSoTimeout(0);
            }
            t.connectEnd(System.nanoTime());
            return new Wire.Jdk(socket, plain);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * The local address a new connection binds to: the configured ones in turn; for a loopback
     * target, 127.0.0.x past {@value #PER_LOCAL_ADDRESS} connections (see there); else none.
     */
    private InetAddress localAddress(Origin origin, InetAddress remote) throws IOException {
        if (!localAddresses.isEmpty()) {
            return localAddresses.get((int) Math.floorMod(opened.get(), (long) localAddresses.size()));
        }
        int n = origin.open.get();
        if (n < PER_LOCAL_ADDRESS || !(remote instanceof java.net.Inet4Address) || !remote.isLoopbackAddress()) return null;
        int k = n / PER_LOCAL_ADDRESS;   // 1, 2, ...: 127.0.0.2, 127.0.0.3, ...
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + (k % 250))});
    }

    private Socket handshake(Socket plain, Origin origin, TimingCollector t) throws IOException {
        t.tlsStart(System.nanoTime());
        Tls tls = tls();
        SSLSocket ssl = (SSLSocket) tls.factory().createSocket(plain, origin.host, origin.port, true);
        SSLParameters p = ssl.getSSLParameters();
        p.setApplicationProtocols(new String[] {"http/1.1"});
        if (!config.insecure()) p.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(p);
        ssl.startHandshake();
        t.tlsEnd(System.nanoTime());
        return ssl;
    }

    /** TLS is set up on first https use: a trust-store load costs start-up time a cleartext test need not pay. */
    private Tls tls() throws IOException {
        Tls t = tls;
        if (t == null) {
            synchronized (this) {
                t = tls;
                if (t == null) tls = t = Tls.create(config.trustStore(), config.trustStorePassword(), config.insecure());
            }
        }
        return t;
    }

    private Target target(URI uri) throws IOException {
        Target t = targets.get(uri);
        if (t == null) {
            String scheme = uri.getScheme();
            boolean https;
            if ("http".equalsIgnoreCase(scheme)) https = false;
            else if ("https".equalsIgnoreCase(scheme)) https = true;
            else throw new ProtocolException("the lean client speaks http and https, not " + scheme + ": " + uri);
            String host = uri.getHost();
            if (host == null) throw new ProtocolException("no host in " + uri);
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            int port = port(uri);
            String key = (https ? "https://" : "http://") + host.toLowerCase(java.util.Locale.ROOT) + ":" + port;
            String h = host;
            Origin origin = origins.computeIfAbsent(key, k -> new Origin(https, h, port, config.maxConnections(), this::forget, this::openForQueue));
            String raw = uri.getRawPath();
            String path = (raw == null || raw.isEmpty() ? "/" : raw) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            t = new Target(origin, ascii(path));
            if (targets.size() >= MAX_TARGETS) targets.clear();   // many distinct URLs: keep the cache small, not exact
            targets.put(uri, t);
        }
        return t;
    }

    /** A request target as bytes: ASCII as it is, anything else percent-encoded as UTF-8 (URI.create lets it through raw). */
    static byte[] ascii(String target) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(target.length());
        for (byte b : target.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0x21 && b < 0x7f) {
                out.write(b);
            } else {
                out.write('%');
                out.write(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)));
                out.write(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toByteArray();
    }

    /** Connections open now. */
    public int connectionsOpen() {
        return open.size();
    }

    /** Connections opened so far. */
    public long connectionsOpened() {
        return opened.get();
    }

    /** Connections opened so far as an event loop's own sockets. */
    public long connectionsOpenedOnLoops() {
        return openedOnLoops.get();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (watchdog != null) watchdog.interrupt();
        }
        for (Origin o : origins.values()) o.close();
        for (Connection c : open) c.close();
        open.clear();
    }
}
