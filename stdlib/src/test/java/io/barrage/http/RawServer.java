package io.barrage.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test server on loopback that answers each request with the bytes a test gives — malformed
 * ones included — and then closes the connection or keeps it, as told.
 */
final class RawServer implements AutoCloseable {
    /** What the server does for the n-th request on a connection (0-based) and on which connection. */
    interface Script {
        /** Returns the bytes to send, or null to send nothing and hold the connection. */
        byte[] answer(int connection, int request);

        /** Close the connection after answering? */
        default boolean closeAfter(int connection, int request) { return false; }
    }

    private final ServerSocket server;
    private final Script script;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    /** The client address of each connection, in order. */
    final List<InetAddress> clients = new CopyOnWriteArrayList<>();

    RawServer(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    static RawServer answering(String response) throws IOException {
        byte[] b = response.getBytes(StandardCharsets.ISO_8859_1);
        return new RawServer((c, r) -> b);
    }

    static RawServer answeringThenClosing(String response) throws IOException {
        byte[] b = response.getBytes(StandardCharsets.ISO_8859_1);
        return new RawServer(new Script() {
            @Override public byte[] answer(int connection, int request) { return b; }
            @Override public boolean closeAfter(int connection, int request) { return true; }
        });
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                clients.add(s.getInetAddress());
                int n = connections.getAndIncrement();
                Thread.ofVirtual().start(() -> serve(s, n));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, int connection) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            for (int request = 0; ; request++) {
                if (!readHead(in)) return;
                requests.incrementAndGet();
                byte[] answer = script.answer(connection, request);
                if (answer == null) {
                    Thread.sleep(60_000);   // hold: the client's timeout must end the call
                    return;
                }
                out.write(answer);
                out.flush();
                if (script.closeAfter(connection, request)) return;
            }
        } catch (IOException | InterruptedException e) {
            // the client went away or the test ended
        }
    }

    /** Reads a request head (and ignores any body: tests send none). */
    private static boolean readHead(InputStream in) throws IOException {
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) return false;
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        return true;
    }

    /** Closes every connection accepted so far, as a server ending idle connections does. */
    void closeConnections() throws IOException {
        for (Socket s : sockets) s.close();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) s.close();
    }
}
