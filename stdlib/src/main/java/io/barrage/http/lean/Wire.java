package io.barrage.http.lean;

import io.barrage.engine.loop.EventLoop;
import io.barrage.engine.loop.LoopSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * What a {@link Connection} sends and receives through: an event loop's socket (plain HTTP from a
 * loop's virtual thread), or a JDK socket (TLS, and threads of the JDK's scheduler).
 */
sealed interface Wire {
    InputStream in();

    OutputStream out();

    /** Closes the connection; from any thread, and a thread blocked reading it fails at once. */
    void close();

    /**
     * Whether the server has closed this idle connection (or sent bytes nobody asked for): checked
     * before a request that must not be sent twice goes on a connection idle for a while.
     */
    boolean closedByPeer();

    /** Whether the calling thread may use this connection: a loop's socket serves its own loop's threads only. */
    boolean usableHere();

    /** A socket of the current thread's event loop. */
    record Loop(LoopSocket socket) implements Wire {
        @Override public InputStream in() { return socket.inputStream(); }
        @Override public OutputStream out() { return socket.outputStream(); }
        @Override public void close() { socket.close(); }
        @Override public boolean closedByPeer() { return socket.closedByPeer(); }
        @Override public boolean usableHere() { return !socket.isClosed() && EventLoop.current() == socket.loop(); }
    }

    /**
     * A JDK socket; for TLS, {@code raw} is the plain socket under it: closing that first ends a
     * blocked read at once (closing the TLS socket may wait to send close_notify to a server that
     * does not read).
     */
    final class Jdk implements Wire {
        private final Socket socket;
        private final Socket raw;
        private final InputStream in;
        private final OutputStream out;

        Jdk(Socket socket, Socket raw) throws IOException {
            this.socket = socket;
            this.raw = raw;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        @Override public InputStream in() { return in; }
        @Override public OutputStream out() { return out; }

        @Override
        public boolean usableHere() {
            return !raw.isClosed();
        }

        @Override
        public void close() {
            try {
                raw.close();
                if (raw != socket) socket.close();
            } catch (IOException ignored) {
                // closing: nothing to do
            }
        }

        /** A read that waits at most 1 ms (OkHttp's check before a request it must not send twice). */
        @Override
        public boolean closedByPeer() {
            try {
                raw.setSoTimeout(1);
                try {
                    in.read();   // returns: EOF or stray bytes, either way not usable
                    return true;
                } finally {
                    raw.setSoTimeout(0);
                }
            } catch (SocketTimeoutException alive) {
                return false;
            } catch (IOException broken) {
                return true;
            }
        }
    }
}
