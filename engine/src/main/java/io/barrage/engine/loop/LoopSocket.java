package io.barrage.engine.loop;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP connection of an {@link EventLoop}: non-blocking underneath, blocking for the virtual
 * thread that uses it. A read that finds nothing parks the thread until the loop sees the socket
 * ready (edge-triggered epoll, registered once), so waiting costs no system call of its own.
 *
 * <p>Used from the virtual threads of the loop it was opened on: one reading and one writing at
 * a time at most. {@link #close()} may be
 * called from any thread (a watchdog ending a late exchange): the loop closes the descriptor and
 * wakes the thread waiting on it, which then fails with "Socket closed".
 */
public final class LoopSocket implements Closeable {
    private static final VarHandle CLOSED;
    private static final VarHandle FD_CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(LoopSocket.class, "closed", boolean.class);
            FD_CLOSED = MethodHandles.lookup().findVarHandle(LoopSocket.class, "fdClosed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EventLoop loop;
    private final NativeIo io;
    private final int fd;
    private final InetSocketAddress remote;
    private final InputStream in = new In();
    private final OutputStream out = new Out();
    // the loop's: touched only on its thread (by the loop or by the virtual thread it carries)
    int slot = -1;
    int generation;
    private Thread reader;
    private Thread writer;
    private int seen;
    @SuppressWarnings("unused") private volatile boolean closed;
    @SuppressWarnings("unused") private volatile boolean fdClosed;
    private volatile String closedBy;

    private LoopSocket(EventLoop loop, int fd, InetSocketAddress remote) {
        this.loop = loop;
        this.io = loop.io;
        this.fd = fd;
        this.remote = remote;
    }

    /**
     * Opens a connection from the current virtual thread, which must be one of an event loop's;
     * parks it until connected, refused or {@code timeoutNanos} passed (0: no limit).
     *
     * @param local the local address to bind, or null for the system's choice
     */
    public static LoopSocket connect(InetSocketAddress remote, InetAddress local, long timeoutNanos) throws IOException {
        EventLoop loop = EventLoop.requireCurrent();
        InetAddress address = remote.getAddress();
        if (address == null) throw new UnknownHostException(remote.getHostString());
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        boolean v6 = address instanceof Inet6Address;
        int scope = v6 ? ((Inet6Address) address).getScopeId() : 0;
        NativeIo io = loop.io;
        int fd = io.socket(v6);
        if (fd < 0) throw new SocketException("cannot open a socket: " + Errno.describe(-fd));
        LoopSocket s = watched(loop, fd, remote);
        try {
            if (local != null) {
                int r = io.bindSource(fd, local.getAddress(), scope);
                if (r < 0) throw Errno.connect(-r);
            }
            int r = io.connect(fd, address.getAddress(), remote.getPort(), scope);
            if (r == -NativeIo.EINPROGRESS) {
                s.awaitConnected(deadline);
            } else if (r < 0) {
                throw Errno.connect(-r);
            }
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * A socket of {@code loop} for an open descriptor (connecting, listening or accepted), watched
     * by the loop from now on; the descriptor is closed if the loop cannot watch it.
     */
    static LoopSocket watched(EventLoop loop, int fd, InetSocketAddress remote) throws IOException {
        LoopSocket s = new LoopSocket(loop, fd, remote);
        long cookie = loop.register(s, fd);
        if (cookie < 0) {
            loop.io.close(fd);
            throw new SocketException("cannot watch a socket: " + Errno.describe((int) -cookie));
        }
        return s;
    }

    private void awaitConnected(long deadline) throws IOException {
        while (true) {
            if ((seen & (NativeIo.EPOLLOUT | NativeIo.EPOLLERR | NativeIo.EPOLLHUP)) != 0) {
                int error = io.socketError(fd);
                if (error != 0) throw Errno.connect(error);
                return;
            }
            failIfClosed();
            if (deadline != 0 && System.nanoTime() - deadline >= 0) throw new SocketTimeoutException("Connect timed out");
            park(false, deadline);
        }
    }

    /** Parks the calling thread until the socket is readable (a listening socket: a connection waits). */
    void awaitReadable() throws IOException {
        park(false, 0);
    }

    int fd() {
        return fd;
    }

    /** The loop's call: the socket became ready for something; wakes the threads waiting on it. */
    void ready(int mask) {
        seen |= mask;
        wakeWaiters();
    }

    private void wakeWaiters() {
        Thread r = reader, w = writer;
        reader = null;
        writer = null;
        if (r != null) LockSupport.unpark(r);
        if (w != null && w != r) LockSupport.unpark(w);
    }

    /** Parks the calling thread, waiting to read (or connect) or to write, until the loop sees the socket ready. */
    private void park(boolean write, long deadline) throws IOException {
        Thread me = Thread.currentThread();
        if (write) writer = me;
        else reader = me;
        if (deadline == 0) LockSupport.park(this);
        else loop.parkUntil(deadline);
        if (write) {
            if (writer == me) writer = null;
        } else if (reader == me) {
            reader = null;
        }
        if (me.isInterrupted()) {
            closedBy = "Closed by interrupt";
            close();
            throw new SocketException("Closed by interrupt");
        }
    }

    private void failIfClosed() throws SocketException {
        if (closed) {
            String why = closedBy;
            throw new SocketException(why == null ? "Socket closed" : why);
        }
    }

    /** Reads at most {@code len} bytes, parking until some arrive: the count, or -1 at the end of the stream. */
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (true) {
            failIfClosed();
            int r = io.read(fd, b, off, len);
            if (r > 0) return r;
            if (r == 0) return -1;
            if (r == -NativeIo.EAGAIN) park(false, 0);
            else if (r != -NativeIo.EINTR) throw Errno.io(-r);
        }
    }

    /**
     * {@link #read} for a server's side of a connection ({@link LoopServerSocket}): the same, in a
     * method of its own so that the JIT profiles the two apart. A server reads the end of every
     * connection; a client almost never does, and compiled with a server's profile mixed in, the
     * client's hot read was compiled again at the start of a run (seen after the warm-up).
     */
    public int receive(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (true) {
            failIfClosed();
            int r = io.read(fd, b, off, len);
            // r > 0 as it is, 0 (the end) as -1, without a branch: a server reads every connection's end, often
            // many at once (a warm-up's clients leaving), and a branch compiled untaken trapped once per end
            if (r >= 0) return r - ((r - 1) >>> 31);
            if (r == -NativeIo.EAGAIN) park(false, 0);
            else if (r != -NativeIo.EINTR) throw Errno.io(-r);
        }
    }

    /** Writes all of {@code b[off, off+len)}, parking while the socket's buffer is full. */
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            failIfClosed();
            int r = io.write(fd, b, off, len);
            if (r >= 0) {
                off += r;
                len -= r;
            } else if (r == -NativeIo.EAGAIN) {
                park(true, 0);
            } else if (r != -NativeIo.EINTR) {
                throw Errno.io(-r);
            }
        }
    }

    /**
     * Whether the server has closed this idle connection or sent bytes nobody asked for, seen
     * without waiting: such a connection cannot carry another request.
     */
    public boolean closedByPeer() {
        if (closed) return true;
        int r = io.peek(fd);
        return r != -NativeIo.EAGAIN;
    }

    public InputStream inputStream() {
        return in;
    }

    public OutputStream outputStream() {
        return out;
    }

    /** The address connected to; null for an accepted connection. */
    public InetSocketAddress remote() {
        return remote;
    }

    public EventLoop loop() {
        return loop;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Closes the connection; a thread waiting on it wakes and fails. Any thread, any number of times. */
    @Override
    public void close() {
        if (!CLOSED.compareAndSet(this, false, true)) return;
        loop.onLoop(this::closeNow);
    }

    /** The loop ended with this socket open. */
    void abandon() {
        if (CLOSED.compareAndSet(this, false, true)) closedBy = "the event loop was closed";
        closeNow();
    }

    /** Closes the descriptor, once: on the loop, or on any thread once the loop has ended. */
    private void closeNow() {
        if (!FD_CLOSED.compareAndSet(this, false, true)) return;
        if (!loop.terminated) loop.release(this);
        generation = -1;
        io.close(fd);
        wakeWaiters();
    }

    private final class In extends InputStream {
        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            int r = LoopSocket.this.read(one, 0, 1);
            return r < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            return LoopSocket.this.read(b, off, len);
        }

        @Override
        public void close() {
            LoopSocket.this.close();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            LoopSocket.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            LoopSocket.this.write(b, off, len);
        }

        @Override
        public void close() {
            LoopSocket.this.close();
        }
    }
}
