package io.barrage.http.lean;

import io.barrage.http.TimingCollector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import io.barrage.engine.loop.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One target (scheme, host, port) and its pool: the kept-alive connections open-model calls share,
 * at most {@code max} at a time; past it a call waits for one, and the wait is timed. Idle
 * connections are kept per event loop (a loop's socket serves that loop's threads). Closed-model
 * users keep their own connections (sticky) and do not count against the bound.
 */
final class Origin {
    final boolean https;
    final String host;
    final int port;
    final String key;
    /** {@code Host: name[:port]\r\n}, encoded once. */
    final byte[] hostLine;
    /** The address when the host is an IP literal (no lookup), else null. */
    final InetAddress literal;
    final boolean loopback;
    /** Every open connection to this target, sticky or shared. */
    final AtomicInteger open = new AtomicInteger();

    private final int max;
    /** Closes a connection the pool gave up and forgets it, keeping its place for the caller. */
    private final Consumer<Connection> forget;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    /**
     * Idle connections by lane: lane 0 for threads of the JDK's scheduler, lane 1 + i for event loop
     * i, whose sockets serve that loop's threads only.
     */
    private final ArrayList<ArrayDeque<Connection>> idle = new ArrayList<>();
    private int idleCount;
    private int shared;
    private boolean closed;

    Origin(boolean https, String host, int port, int max, Consumer<Connection> forget) {
        this.https = https;
        this.host = host;
        this.port = port;
        this.max = max;
        this.forget = forget;
        this.key = (https ? "https://" : "http://") + host + ":" + port;
        boolean defaultPort = port == (https ? 443 : 80);
        String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + (defaultPort ? "" : ":" + port);
        this.hostLine = ("Host: " + authority + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        this.literal = literal(host);
        this.loopback = literal != null ? literal.isLoopbackAddress() : host.equalsIgnoreCase("localhost");
    }

    private static InetAddress literal(String host) {
        boolean v4 = !host.isEmpty();
        for (int i = 0; i < host.length() && v4; i++) {
            char c = host.charAt(i);
            v4 = (c >= '0' && c <= '9') || c == '.';
        }
        if (!v4 && host.indexOf(':') < 0) return null;
        try {
            return InetAddress.getByName(host);   // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Resolves the host, timing the lookup when there is one. */
    InetAddress address(TimingCollector t) throws UnknownHostException {
        if (literal != null) return literal;
        t.dnsStart(System.nanoTime());
        InetAddress a = InetAddress.getByName(host);
        t.dnsEnd(System.nanoTime());
        return a;
    }

    /**
     * A kept-alive idle connection the calling thread may use, or null when the caller may open a
     * new one. When {@code max} shared connections are open, waits (timed as {@code wait}) until one
     * is free or {@code waitNanos} pass.
     */
    Connection acquire(TimingCollector t, long waitNanos) throws IOException {
        return acquire(t, waitNanos, true);
    }

    /**
     * A place for a new connection (not an idle one), waiting like {@link #acquire} when the pool is
     * full; when idle connections hold every place, the oldest gives its place up.
     */
    void reserve(TimingCollector t, long waitNanos) throws IOException {
        acquire(t, waitNanos, false);
    }

    private Connection acquire(TimingCollector t, long waitNanos, boolean idleToo) throws IOException {
        lock.lock();
        try {
            Connection c = idleToo ? takeIdle() : null;
            if (c != null || placeFree()) return c;
            long start = System.nanoTime();
            t.waitStart(start);
            long left = waitNanos;
            try {
                while (true) {
                    if (left <= 0) {
                        throw new SocketTimeoutException("waited " + TimeUnit.NANOSECONDS.toMillis(waitNanos)
                                + " ms for one of the " + max + " connections to " + key + " (maxConnections)");
                    }
                    left = freed.awaitNanos(left);
                    c = idleToo ? takeIdle() : null;
                    if (c != null || placeFree()) return c;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted waiting for a connection to " + key);
            } finally {
                t.waitEnd(System.nanoTime());
            }
        } finally {
            lock.unlock();
        }
    }

    /** An idle connection of the caller's lane that is still usable; unusable ones met on the way are closed. */
    private Connection takeIdle() throws IOException {
        if (closed) throw new IOException("the HTTP client is closed");
        if (idleCount == 0) return null;
        int lane = lane();
        if (lane >= idle.size()) return null;
        ArrayDeque<Connection> q = idle.get(lane);
        Connection c;
        while ((c = q.pollFirst()) != null) {
            idleCount--;
            if (c.wire.usableHere()) return c;
            shared--;
            forget.accept(c);
        }
        return null;
    }

    /**
     * Claims a place for a new connection: a free one, or the place of the oldest idle connection
     * (of any lane), which is closed. False when every place is in use.
     */
    private boolean placeFree() throws IOException {
        if (closed) throw new IOException("the HTTP client is closed");
        if (shared < max) {
            shared++;
            return true;
        }
        for (ArrayDeque<Connection> q : idle) {
            Connection oldest = q.pollLast();
            if (oldest != null) {
                idleCount--;
                forget.accept(oldest);
                return true;
            }
        }
        return false;
    }

    private static int lane() {
        EventLoop loop = EventLoop.current();
        return loop == null ? 0 : loop.id() + 1;
    }

    /** Gives a shared connection back, kept alive, to the caller's lane. */
    void release(Connection c) {
        lock.lock();
        try {
            if (closed) {
                shared--;
                c.close();
                return;
            }
            int lane = lane();
            while (idle.size() <= lane) idle.add(new ArrayDeque<>());
            idle.get(lane).addFirst(c);
            idleCount++;
            freed.signalAll();   // waiters for an idle connection and for a free place both wait here
        } finally {
            lock.unlock();
        }
    }

    /** A shared connection was closed (or never opened): its place is free. */
    void discard() {
        lock.lock();
        try {
            shared--;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            for (ArrayDeque<Connection> q : idle) {
                for (Connection c : q) c.close();
                shared -= q.size();
                q.clear();
            }
            idleCount = 0;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
