package io.barrage.redis;

import io.barrage.engine.format.Durations;
import io.barrage.engine.metrics.Meters;
import io.barrage.engine.model.Target;
import io.barrage.engine.output.Output;
import io.barrage.engine.output.RunView;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A script's Redis server as the load's target: checked before anything runs (not reachable: one
 * line, exit 2), connected once when the run starts (one connection every user shares, or one per
 * user), its queues' depths read every second into the gauge {@code redis_queue_depth{queue=…}}
 * on a connection of their own, and watched: unreachable for {@link RedisConfig#lostAfter} during
 * the run, the run ends as an error (exit 4) with its results.
 */
public final class RedisTarget implements Target, Output {
    /** The gauge of a queue's depth (labels {@code queue} and {@code key}). */
    public static final String DEPTH = "redis_queue_depth";
    private static final long PROBE_NANOS = 1_000_000_000L;

    static {
        RedisLogging.init();
    }

    private final RedisConfig config;
    private final String where;
    private ClientResources resources;
    private RedisClient client;
    private volatile StatefulRedisConnection<String, String> shared;
    private StatefulRedisConnection<String, String> probe;
    private final Map<String, double[]> depths = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Consumer<String> lost;
    private volatile Thread prober;
    private volatile boolean closed;

    /**
     * @param config the server and its queues
     * @param where  where the script declares it ({@code redis at jobs.groovy:3}), for messages
     */
    public RedisTarget(RedisConfig config, String where) {
        this.config = config;
        this.where = where;
        for (RedisQueue q : config.queues().values()) depths.put(q.name(), new double[] {Double.NaN});
    }

    public RedisConfig config() {
        return config;
    }

    /** The queue of this name, or a line naming the ones there are. */
    RedisQueue queue(String name) {
        RedisQueue q = config.queues().get(name);
        if (q == null) {
            throw new IllegalArgumentException("redis has no queue '" + name + "'" + (config.queues().isEmpty()
                    ? ": declare it in redis { queue '" + name + "', key: 'jobs:" + name + "' }"
                    : " (its queues: " + String.join(", ", config.queues().keySet()) + ")"));
        }
        return q;
    }

    // ---- lifecycle

    @Override
    public synchronized void check() throws Exception {
        connectShared();
    }

    @Override
    public synchronized void start() throws Exception {
        connectShared();
        if (probe == null) probe = connect();
        Thread t = Thread.ofVirtual().name("barrage-redis-probe").unstarted(this::probeLoop);
        prober = t;
        t.start();
    }

    @Override
    public void watch(Consumer<String> lost) {
        this.lost = lost;
    }

    @Override
    public void onStart(RunView run) {
        Meters meters = run.meters();
        for (RedisQueue q : config.queues().values()) {
            double[] depth = depths.get(q.name());
            meters.gauge(DEPTH, Map.of("queue", q.name(), "key", q.key()), () -> depth[0]);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        Thread t = prober;
        if (t != null) t.interrupt();
        try {
            if (probe != null) probe.close();
            if (shared != null) shared.close();
        } catch (RuntimeException ignored) {
            // closing a connection to a server that is gone
        }
        if (client != null) client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        if (resources != null) resources.shutdown(0, 2, TimeUnit.SECONDS);
        client = null;
        resources = null;
    }

    @Override
    public String toString() {
        return "redis " + config.shownUrl();
    }

    // ---- connections

    /** The connection every user shares (made once). */
    StatefulRedisConnection<String, String> shared() {
        StatefulRedisConnection<String, String> s = shared;
        if (s == null) throw new IllegalStateException(this + " is not started");
        return s;
    }

    /** A connection of its own (a user's, with {@code connection 'per-user'}). */
    synchronized StatefulRedisConnection<String, String> connect() throws Exception {
        if (closed) throw new IllegalStateException(this + " is closed");
        try {
            return client().connect();
        } catch (RuntimeException e) {
            throw new Exception(unreachable(e), e);
        }
    }

    private void connectShared() throws Exception {
        if (shared != null) return;
        StatefulRedisConnection<String, String> c = connect();
        try {
            String pong = c.sync().ping();
            if (!"PONG".equalsIgnoreCase(pong)) throw new IllegalStateException("PING answered '" + pong + "'");
        } catch (RuntimeException e) {
            c.closeAsync();
            throw new Exception(where + ": " + config.shownUrl() + " did not answer PING: " + e.getMessage(), e);
        }
        shared = c;
    }

    private RedisClient client() {
        if (client == null) {
            resources = DefaultClientResources.builder().ioThreadPoolSize(Math.max(2, Runtime.getRuntime().availableProcessors()))
                    .computationThreadPoolSize(1).build();
            RedisURI uri = RedisURI.create(config.url());
            uri.setTimeout(config.timeout());
            client = RedisClient.create(resources, uri);
            Duration connect = config.timeout().compareTo(Duration.ofSeconds(5)) < 0 ? config.timeout() : Duration.ofSeconds(5);
            client.setOptions(ClientOptions.builder()
                    .protocolVersion(ProtocolVersion.RESP2)
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SocketOptions.builder().connectTimeout(connect).build())
                    .build());
        }
        return client;
    }

    private String unreachable(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return where + ": " + config.shownUrl() + " is not reachable (" + why + ")";
    }

    // ---- the probe: queue depths, and whether Redis is there at all

    private void probeLoop() {
        long lastOk = System.nanoTime();
        long lostNanos = config.lostAfter().toNanos();
        boolean told = false;
        while (!closed) {
            boolean ok = probeOnce();
            long now = System.nanoTime();
            if (ok) {
                lastOk = now;
            } else if (!told && now - lastOk >= lostNanos && lost != null) {
                told = true;
                lost.accept(config.shownUrl() + " unreachable for " + Durations.format(Duration.ofNanos(now - lastOk))
                        + " (redis lostAfter " + Durations.format(config.lostAfter()) + ")");
            }
            try {
                Thread.sleep(Duration.ofNanos(PROBE_NANOS));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads every queue's depth (or PINGs when there is none): false when Redis did not answer. */
    private boolean probeOnce() {
        StatefulRedisConnection<String, String> p = probe;
        if (p == null) return false;
        try {
            var sync = p.sync();
            if (config.queues().isEmpty()) {
                sync.ping();
                return true;
            }
            for (RedisQueue q : config.queues().values()) {
                long n = q.stream() ? sync.xlen(q.key()) : sync.llen(q.key());
                depths.get(q.name())[0] = n;
            }
            return true;
        } catch (RuntimeException e) {
            for (double[] d : depths.values()) d[0] = Double.NaN;
            return !isConnectionFailure(e) && !(e instanceof io.lettuce.core.RedisCommandTimeoutException);
        }
    }

    /** A WRONGTYPE reply to LLEN is the script's business (counted as NaN depth), not a lost server. */
    private static boolean isConnectionFailure(RuntimeException e) {
        return !(e instanceof io.lettuce.core.RedisCommandExecutionException);
    }

    /** The queues' depths as last read, by name (NaN: not read). */
    public Map<String, Double> depths() {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (RedisQueue q : config.queues().values()) out.put(q.name(), depths.get(q.name())[0]);
        return Collections.unmodifiableMap(out);
    }

    List<String> queueNames() {
        return new ArrayList<>(config.queues().keySet());
    }
}
