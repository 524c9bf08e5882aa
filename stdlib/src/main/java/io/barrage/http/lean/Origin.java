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
 * either a call waits for a connection, and the wait is timed. Calls wait in turn: while some wait,
 * a new call queues behind them, and a connect is started for the queue (one per waiting call at
 * most, within {@link #mayOpen}) whose connection goes to the next call in turn. Measured at 20 000
 * arrivals/s to a 10 ms service after a slow first 100 ms: when new calls took the connections given
 * back and opened their own, the waiting ones waited p50 540 ms, max 690 ms, and the first second's
 * p99 read 637 ms; when new calls queued and nothing opened for the queue, the pool stopped growing
 * and every call waited; when new calls opened their own while others waited, 6 000-9 500 connects
 * in the first second overran the target. Idle
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
    /**
     * Starts a connect, claimed already, on the calling thread's event loop for the calls waiting in
     * its lane; it ends with {@link #openedForQueue}.
     */
    private final Consumer<Origin> openForQueue;
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

    /** A lane's idle connections, newest first, and the calls waiting in it, in turn. */
    private static final class Lane {
        final ArrayDeque<Connection> idle = new ArrayDeque<>();
        final ArrayDeque<Waiter> queue = new ArrayDeque<>();
        /** Connects under way for the calls waiting here ({@link #openedForQueue} ends one). */
        int opening;
    }

    /** A call waiting for a connection: it is handed one, or nudged to open one, when its turn comes. */
    private static final class Waiter {
        final Condition woken;
        /** A connection handed over by {@link #release}. */
        Connection given;
        /** A connect or a place came free ({@link #wakeOne}): the call tries to open one. */
        boolean nudged;
        /** In its lane's queue. */
        boolean queued = true;

        Waiter(Condition woken) {
            this.woken = woken;
        }
    }

    Origin(boolean https, String host, int port, int max, Consumer<Connection> forget, Consumer<Origin> openForQueue) {
        this.openForQueue = openForQueue;
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
            Connection c;
            if (!idleToo || lane.queue.isEmpty()) {
                c = idleToo ? takeIdle(lane) : null;
                if (c != null || startOpening()) return c;
            } else if (lane.queue.size() >= lane.opening && startOpening()) {
                // calls wait already: this one queues behind them, and the pool grows for the queue
                // (the connection opened goes to whichever call's turn it is)
                lane.opening++;
                openForQueue.accept(this);
            }
            t.waitStart(System.nanoTime());
            Waiter w = new Waiter(lock.newCondition());
            lane.queue.addLast(w);
            long left = waitNanos;
            try {
                while (true) {
                    if (w.given != null) {
                        c = w.given;
                        w.given = null;
                        if (idleToo) return c;
                        forget.accept(c);   // a new connection is wanted: this one's place is the caller's
                        connecting++;
                        return null;
                    }
                    if (w.nudged) {
                        w.nudged = false;
                        c = idleToo ? takeIdle(lane) : null;
                        if (c != null || startOpening()) return c;
                        lane.queue.addFirst(w);   // not yet: it keeps its turn
                        w.queued = true;
                    }
                    if (closed) throw new IOException("the HTTP client is closed");
                    if (left <= 0) {
                        throw new SocketTimeoutException("waited " + TimeUnit.NANOSECONDS.toMillis(waitNanos)
                                + " ms for a connection to " + key + " (" + (shared - connecting) + " open, "
                                + connecting + " opening, at most " + max + ": maxConnections)");
                    }
                    left = w.woken.awaitNanos(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted waiting for a connection to " + key);
            } finally {
                if (w.queued) {
                    lane.queue.remove(w);
                    w.queued = false;
                }
                // what this call was handed as it gave up goes to the next in turn
                if (w.given != null) release(w.given);
                if (w.nudged) wakeOne(lane);
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
        while (lanes.size() <= i) lanes.add(new Lane());
        return lanes.get(i);
    }

    /** Nudges the next waiting call to open a connection: of this lane when it has one, else of any. */
    private void wakeOne(Lane preferred) {
        Waiter w = preferred.queue.pollFirst();
        for (int i = 0; w == null && i < lanes.size(); i++) w = lanes.get(i).queue.pollFirst();
        if (w == null) return;
        w.queued = false;
        w.nudged = true;
        w.woken.signal();
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
            Lane lane = lane();   // only this lane's threads can use it
            Waiter w = lane.queue.pollFirst();
            if (w != null) {
                w.queued = false;
                w.given = c;
                w.woken.signal();
                return;
            }
            lane.idle.addFirst(c);
            idleCount++;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A connect started for the waiting calls ({@link #openForQueue}) ended, after {@link #opened}:
     * its connection, or null when it failed, goes to the lane's next call in turn.
     */
    void openedForQueue(Connection c) {
        lock.lock();
        try {
            lane().opening--;
        } finally {
            lock.unlock();
        }
        if (c != null) release(c);
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
                for (Waiter w : l.queue) {
                    w.queued = false;
                    w.woken.signal();
                }
                l.queue.clear();
            }
            idleCount = 0;
        } finally {
            lock.unlock();
        }
    }
}
