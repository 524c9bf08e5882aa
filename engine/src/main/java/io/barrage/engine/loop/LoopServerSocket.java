package io.barrage.engine.loop;

import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.SocketException;

/**
 * A listening TCP socket of an {@link EventLoop}: {@link #accept()} parks the calling virtual
 * thread until a connection arrives, which then belongs to the same loop. barrage serves its
 * generator's warm-up from one, in process, at the rate of the run to come.
 */
public final class LoopServerSocket implements Closeable {
    private final LoopSocket socket;
    private final NativeIo io;
    private final EventLoop loop;
    private final int port;

    private LoopServerSocket(EventLoop loop, LoopSocket socket, int port) {
        this.loop = loop;
        this.io = loop.io;
        this.socket = socket;
        this.port = port;
    }

    /**
     * Listens on {@code address}:{@code port} (0: a free port), from a virtual thread of an event loop.
     */
    public static LoopServerSocket bind(InetAddress address, int port, int backlog) throws IOException {
        EventLoop loop = EventLoop.requireCurrent();
        boolean v6 = address instanceof Inet6Address;
        NativeIo io = loop.io;
        int fd = io.socket(v6);
        if (fd < 0) throw new SocketException("cannot open a socket: " + Errno.describe(-fd));
        int r = io.bind(fd, address.getAddress(), port, v6 ? ((Inet6Address) address).getScopeId() : 0);
        if (r == 0) r = io.listen(fd, backlog);
        int bound = r == 0 ? io.localPort(fd) : r;
        if (r < 0 || bound < 0) {
            io.close(fd);
            throw new BindException("cannot listen on " + address.getHostAddress() + ":" + port + ": " + Errno.describe(-Math.min(r, bound)));
        }
        return new LoopServerSocket(loop, LoopSocket.watched(loop, fd, null), bound);
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** The next connection, parking until one arrives; it belongs to this socket's loop. */
    public LoopSocket accept() throws IOException {
        while (true) {
            if (socket.isClosed()) throw new SocketException("Socket closed");
            int fd = io.accept(socket.fd());
            if (fd >= 0) return LoopSocket.watched(loop, fd, null);
            if (fd == -NativeIo.EAGAIN) socket.awaitReadable();
            else if (fd != -NativeIo.EINTR && fd != -NativeIo.ECONNABORTED) throw Errno.io(-fd);
        }
    }

    /** Stops listening; a thread waiting in {@link #accept()} fails with "Socket closed". */
    @Override
    public void close() {
        socket.close();
    }
}
