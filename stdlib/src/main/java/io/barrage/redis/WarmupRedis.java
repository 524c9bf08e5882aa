package io.barrage.redis;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The smallest Redis that will do for warming the generator up: in process, on loopback, it reads
 * RESP commands and answers each at once with a reply of the right shape (an integer for INCR,
 * LPUSH, LLEN..., a bulk string for GET, {@code +OK} or {@code +PONG} otherwise), storing nothing.
 * A warm-up sends a script's kinds of Redis calls to it, so that Lettuce's and barrage's code for
 * them is compiled before the run (cold, the first second at 5 000/s had p99 160 ms, the next ones
 * 1–3 ms); the run's Redis sees none of it.
 */
public final class WarmupRedis implements AutoCloseable {
    private static final Set<String> INTEGERS = Set.of("INCR", "INCRBY", "DECR", "DECRBY", "DEL", "EXISTS", "EXPIRE", "PEXPIRE", "TTL",
            "LPUSH", "RPUSH", "LLEN", "XLEN", "HSET", "HDEL", "HINCRBY", "SADD", "SREM", "SCARD", "ZADD", "ZCARD", "PUBLISH");
    private static final Set<String> BULKS = Set.of("GET", "LPOP", "RPOP", "HGET", "XADD");
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ONE = ":1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VALUE = "$5\r\nwarm!\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private WarmupRedis(ServerSocket server) {
        this.server = server;
        Thread.ofVirtual().name("barrage-warmup-redis").start(this::accept);
    }

    /** Starts it on 127.0.0.1 and a free port. */
    public static WarmupRedis start() throws IOException {
        return new WarmupRedis(new ServerSocket(0, 64, InetAddress.getLoopbackAddress()));
    }

    public String url() {
        return "redis://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                open.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
             OutputStream out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024)) {
            while (true) {
                String command = readCommand(in);
                if (command == null) return;
                out.write(INTEGERS.contains(command) ? ONE : BULKS.contains(command) ? VALUE : "PING".equals(command) ? PONG : OK);
                if (in.available() == 0) out.flush();   // a pipeline's replies go out together
            }
        } catch (IOException | RuntimeException gone) {
            // the warm-up closed its connection
        } finally {
            open.remove(s);
        }
    }

    /** One command ({@code *N $len arg ...}): its name in upper case, null at the end of the stream. */
    private static String readCommand(InputStream in) throws IOException {
        String head = line(in);
        if (head == null) return null;
        if (head.isEmpty() || head.charAt(0) != '*') throw new IOException("not RESP: " + head);
        int n = Integer.parseInt(head.substring(1));
        String name = null;
        for (int i = 0; i < n; i++) {
            String len = line(in);
            if (len == null || len.isEmpty() || len.charAt(0) != '$') throw new IOException("not RESP");
            int size = Integer.parseInt(len.substring(1));
            byte[] arg = in.readNBytes(size + 2);
            if (i == 0) name = new String(arg, 0, size, StandardCharsets.US_ASCII).toUpperCase(java.util.Locale.ROOT);
        }
        return name == null ? "" : name;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                return b.toString();
            }
            b.append((char) c);
        }
        return b.isEmpty() ? null : b.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) s.close();
    }
}
