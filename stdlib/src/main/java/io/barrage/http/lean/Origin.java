package io.barrage.http.lean;

import io.barrage.http.TimingCollector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One target (scheme, host, port) and its pool: the kept-alive connections open-model calls share,
 * at most {@code max} at a time; past it a call waits for one, and the wait is timed.
 * Closed-model users keep their own connections (sticky) and do not count against the bound.
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
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private int shared;
    private boolean closed;

    Origin(boolean https, String host, int port, int max) {
        this.https = https;
        this.host = host;
        this.port = port;
        this.max = max;
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
     * A kept-alive idle connection, or null when the caller may open a new one. When {@code max}
     * shared connections are open, waits (timed as {@code wait}) until one is free or {@code waitNanos} pass.
     */
    Connection acquire(TimingCollector t, long waitNanos) throws IOException {
        return acquire(t, waitNanos, true);
    }

    /**
     * A place for a new connection (not an idle one), waiting like {@link #acquire} when the pool is
     * full. When idle connections hold every place, the oldest gives its place up: it is returned,
     * for the caller to close without freeing the place again; otherwise null.
     */
    Connection reserve(TimingCollector t, long waitNanos) throws IOException {
        lock.lock();
        try {
            if (shared >= max && !idle.isEmpty()) return idle.pollLast();
        } finally {
            lock.unlock();
        }
        acquire(t, waitNanos, false);
        return null;
    }

    private Connection acquire(TimingCollector t, long waitNanos, boolean idleToo) throws IOException {
        lock.lock();
        try {
            if (closed) throw new IOException("the HTTP client is closed");
            Connection c = idleToo ? idle.pollFirst() : null;
            if (c != null) return c;
            if (shared < max) {
                shared++;
                return null;
            }
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
                    if (closed) throw new IOException("the HTTP client is closed");
                    c = idleToo ? idle.pollFirst() : null;
                    if (c != null) return c;
                    if (shared < max) {
                        shared++;
                        return null;
                    }
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

    /** Gives a shared connection back, kept alive. */
    void release(Connection c) {
        lock.lock();
        try {
            if (closed) {
                shared--;
                c.close();
                return;
            }
            idle.addFirst(c);
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
            for (Connection c : idle) c.close();
            shared -= idle.size();
            idle.clear();
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
