package io.barrage.engine.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server on a free loopback port, with nothing saved to disk, for the tests of Redis
 * as a target: started by the test, stopped (or killed mid-run) by it. Skips the test where
 * redis-server cannot be had (.ci/run installs Debian's package).
 */
public final class RealRedis implements AutoCloseable {
    private final Process process;
    private final int port;

    private RealRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static RealRedis start() throws Exception {
        String binary = Peers.find("redis-server", "redis-server");
        assumeTrue(binary != null, "redis-server is not installed (apt-get install redis-server; .ci/run does): skipped");
        int port = RealPrometheus.freePort();
        Process p = new ProcessBuilder(List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--protected-mode", "yes", "--loglevel", "warning"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        RealRedis r = new RealRedis(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new IllegalStateException("redis-server exited at start (" + p.exitValue() + ")");
            try {
                if ("+PONG".equals(r.send("PING"))) return r;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        r.close();
        throw new IllegalStateException("redis-server did not answer PING within 10 s on port " + port);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * One inline command, its reply's first line as Redis sends it ({@code +PONG}, {@code :3},
     * {@code $5}...): for tests to look at what reached the server without barrage's own client.
     */
    public String send(String command) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\r') b.append((char) c);
            if (c == -1 && b.isEmpty()) throw new IOException("closed without a reply");
            return b.toString();
        }
    }

    /** A reply's integer ({@code :3} → 3). */
    public long integer(String command) throws IOException {
        String r = send(command);
        if (!r.startsWith(":")) throw new IOException(command + " answered " + r);
        return Long.parseLong(r.substring(1));
    }

    /** Kills the server at once, as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
