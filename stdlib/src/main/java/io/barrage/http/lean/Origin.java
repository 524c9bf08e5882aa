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
 * at most {@code max} at a time, opened at most as many at once as {@link #mayOpen} allows; past
 * either a call waits for a connection, and the wait is timed. Idle
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
    /**
     * By lane: lane 0 for threads of the JDK's scheduler, lane 1 + i for event loop i, whose
     * sockets serve that loop's threads only.
     */
    private final ArrayList<Lane> lanes = new ArrayList<>();
    private int idleCount;
    /** Places taken: connections open or being opened, shared (not sticky). */
    private int shared;
    /** Of {@link #shared}, those being opened. */
    private int connecting;
    private boolean closed;

    /** A lane's idle connections, newest first, and the calls waiting in it. */
    private static final class Lane {
        final ArrayDeque<Connection> idle = new ArrayDeque<>();
        final Condition ready;
        int waiting;

        Lane(Condition ready) {
            this.ready = ready;
        }
    }

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
     * A kept-alive idle connection the calling thread may use, or null when the caller is to open a
     * new one (and call {@link #opened} when done). Waits, timed as {@code wait}, until one of these
     * or {@code waitNanos} pass: past {@code max} shared connections, and while as many are being
     * opened as {@link #mayOpen} allows.
     */
    Connection acquire(TimingCollector t, long waitNanos) throws IOException {
        return acquire(t, waitNanos, true);
    }

    /**
     * A place for a new connection (not an idle one), waiting like {@link #acquire}; when idle
     * connections hold every place, the oldest gives its place up. The caller calls {@link #opened}.
     */
    void reserve(TimingCollector t, long waitNanos) throws IOException {
        acquire(t, waitNanos, false);
    }

    private Connection acquire(TimingCollector t, long waitNanos, boolean idleToo) throws IOException {
        lock.lock();
        try {
            Lane lane = lane();
            Connection c = idleToo ? takeIdle(lane) : null;
            if (c != null || startOpening()) return c;
            long start = System.nanoTime();
            t.waitStart(start);
            long left = waitNanos;
            lane.waiting++;
            try {
                while (true) {
                    if (left <= 0) {
                        throw new SocketTimeoutException("waited " + TimeUnit.NANOSECONDS.toMillis(waitNanos)
                                + " ms for a connection to " + key + " (" + (shared - connecting) + " open, "
                                + connecting + " opening, at most " + max + ": maxConnections)");
                    }
                    left = lane.ready.awaitNanos(left);
                    c = idleToo ? takeIdle(lane) : null;
                    if (c != null || startOpening()) return c;
                }
            } catch (InterruptedException e) {
                wakeOne(lane);   // the wake-up this thread may have taken is passed on
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted waiting for a connection to " + key);
            } finally {
                lane.waiting--;
                t.waitEnd(System.nanoTime());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Connections being opened at once may be a quarter as many as are open already, and at least
     * {@value #MIN_OPENING}: a pool grows by a quarter or more per connect time, as TCP's slow start
     * grows a window. Without the bound, a burst of arrivals that finds no idle connection opens
     * one each: at 20 000 arrivals/s on loopback the connects made the loop late, later arrivals
     * found no idle connection either, and 5 200 connections were opened where 200 do (seen: p99
     * 198 ms in the first second); bounded by as many as are open, still 1 100. Waiting calls take
     * the next connection given back, or open one when a connect ends.
     */
    private boolean mayOpen() {
        return connecting < Math.max(MIN_OPENING, (shared - connecting) / 4);
    }

    static final int MIN_OPENING = 16;

    /** Connects ahead of the load at once to this target, from all loops together: enough to open hundreds in a few round trips, few enough not to flood its accept queue. */
    static final int PREPARE_PARALLEL = 32;
    /** Permits for connects ahead of the load ({@link #tryReserve} takes one; the caller gives it back after its connect). */
    final java.util.concurrent.Semaphore preparing = new java.util.concurrent.Semaphore(PREPARE_PARALLEL);

    /**
     * Claims a free place, a connect and a {@link #preparing} permit for a connection opened ahead
     * of the load ({@link LeanTransport#prepare}), waiting for a permit (until {@code deadline},
     * nanoTime) only while other loops' connects ahead of the load are under way, never for a place
     * and never closing an idle one; false when the pool is full or the deadline passed.
     */
    boolean tryReserve(long deadline) {
        try {
            if (!preparing.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        lock.lock();
        try {
            if (closed || shared >= max) {
                preparing.release();
                return false;
            }
            shared++;
            connecting++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Claims a place and a connect for a new connection; false when the caller is to wait. */
    private boolean startOpening() throws IOException {
        if (closed) throw new IOException("the HTTP client is closed");
        if (!mayOpen() || !placeFree()) return false;
        connecting++;
        return true;
    }

    /** An idle connection of this lane that is still usable; unusable ones met on the way are closed. */
    private Connection takeIdle(Lane lane) throws IOException {
        if (closed) throw new IOException("the HTTP client is closed");
        if (idleCount == 0) return null;
        Connection c;
        while ((c = lane.idle.pollFirst()) != null) {
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
    private boolean placeFree() {
        if (shared < max) {
            shared++;
            return true;
        }
        for (Lane l : lanes) {
            Connection oldest = l.idle.pollLast();
            if (oldest != null) {
                idleCount--;
                forget.accept(oldest);
                return true;
            }
        }
        return false;
    }

    /** The calling thread's lane: a loop's virtual threads stay on their loop, so a thread's lane never changes. */
    private Lane lane() {
        EventLoop loop = EventLoop.current();
        int i = loop == null ? 0 : loop.id() + 1;
        while (lanes.size() <= i) lanes.add(new Lane(lock.newCondition()));
        return lanes.get(i);
    }

    /** Wakes one waiting call: of this lane when it has one, else of any. */
    private void wakeOne(Lane preferred) {
        if (preferred.waiting > 0) {
            preferred.ready.signal();
            return;
        }
        for (Lane l : lanes) {
            if (l.waiting > 0) {
                l.ready.signal();
                return;
            }
        }
    }

    /** Gives a shared connection back, kept alive, to the caller's lane, or to a call waiting there. */
    void release(Connection c) {
        lock.lock();
        try {
            if (closed) {
                shared--;
                c.close();
                return;
            }
            Lane lane = lane();
            lane.idle.addFirst(c);
            idleCount++;
            if (lane.waiting > 0) lane.ready.signal();   // only this lane's threads can use it
        } finally {
            lock.unlock();
        }
    }

    /** A connect claimed by {@link #acquire} or {@link #reserve} ended; when it failed, its place is free. */
    void opened(boolean ok) {
        lock.lock();
        try {
            connecting--;
            if (!ok) shared--;
            wakeOne(lane());
        } finally {
            lock.unlock();
        }
    }

    /** A shared connection was closed: its place is free. */
    void discard() {
        lock.lock();
        try {
            shared--;
            wakeOne(lane());
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            for (Lane l : lanes) {
                for (Connection c : l.idle) c.close();
                shared -= l.idle.size();
                l.idle.clear();
                l.ready.signalAll();
            }
            idleCount = 0;
        } finally {
            lock.unlock();
        }
    }
}
