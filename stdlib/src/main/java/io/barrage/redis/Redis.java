package io.barrage.redis;

import io.barrage.engine.metrics.ErrorKinds;
import io.barrage.engine.metrics.StepMetrics;
import io.barrage.engine.user.Vu;
import io.barrage.engine.user.VuStopped;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One virtual user's Redis client ({@code redis} in a script): each call timed from its intended
 * start like every call of barrage (coordinated omission corrected), recorded under its step, its
 * failure counted by kind ({@code refused}, {@code reset}, {@code timeout}, {@code redis_wrongtype}...)
 * and returned as null, with {@link #error()} saying why.
 */
public final class Redis extends RedisCommands {
    /** Commands that change a connection's state or block it: refused on the connection every user shares. */
    private static final Set<String> NOT_SHARED = Set.of("SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE",
            "MONITOR", "MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH", "SELECT", "QUIT", "RESET", "AUTH", "HELLO", "CLIENT",
            "BLPOP", "BRPOP", "BLMOVE", "BRPOPLPUSH", "BLMPOP", "BZPOPMIN", "BZPOPMAX", "BZMPOP", "WAIT", "WAITAOF");

    private final RedisTarget target;
    private final Vu vu;
    private final StatefulRedisConnection<String, String> connection;
    private final boolean own;
    private final long timeoutNanos;
    private String error;

    Redis(RedisTarget target, Vu vu, StatefulRedisConnection<String, String> connection, boolean own) {
        this.target = target;
        this.vu = vu;
        this.connection = connection;
        this.own = own;
        this.timeoutNanos = target.config().timeout().toNanos();
    }

    /** Why this user's last call failed (its kind and Redis' or the connection's message), null if it did not. */
    public String error() {
        return error;
    }

    /** Groovy's {@code redis.error}. */
    public String getError() {
        return error;
    }

    @Override
    protected RedisQueue queue(String name) {
        return target.queue(name);
    }

    @Override
    protected Object exec(String step, String command, CommandArgs<String, String> args) {
        checkShared(command);
        AsyncCommand<String, String, Object> cmd = command(command, args);
        long start = vu.clock().nanoTime();
        long intended = vu.intendedStart(start);
        String kind = null;
        Object result = null;
        try {
            connection.dispatch(cmd);
            result = cmd.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            cmd.cancel(true);
            if (vu.stopping()) throw new VuStopped();
            Thread.currentThread().interrupt();
            kind = ErrorKinds.IO;
            error = kind + ": interrupted";
        } catch (TimeoutException e) {
            cmd.cancel(true);
            kind = ErrorKinds.TIMEOUT;
            error = kind + ": no reply within " + io.barrage.engine.format.Durations.format(target.config().timeout());
        } catch (ExecutionException e) {
            kind = RedisErrors.classify(e.getCause());
            error = kind + ": " + e.getCause().getMessage();
        } catch (RedisException e) {   // refused before it was sent: not connected
            kind = RedisErrors.classify(e);
            error = kind + ": " + e.getMessage();
        }
        long end = vu.clock().nanoTime();
        vu.step(step).record(intended, start, end, kind);
        if (kind == null) error = null;
        return result;
    }

    /**
     * Sends the commands {@code body} gives its pipeline in one write and waits for every reply:
     * {@code redis.pipeline { p -> p.lpush('q', a); p.incr('n') }}. The batch is one call, recorded
     * under the step {@code redis pipeline}, with its commands counted ({@code commands}) and timed
     * each under its name ({@code timing('lpush')}); it fails if any of them does. Returns the
     * replies in order (null for a failed one).
     */
    public List<Object> pipeline(Consumer<RedisPipeline> body) {
        return pipeline("redis pipeline", body);
    }

    /** {@link #pipeline(Consumer)} recorded under a step of its own name. */
    public List<Object> pipeline(String step, Consumer<RedisPipeline> body) {
        RedisPipeline p = new RedisPipeline(target);
        body.accept(p);
        List<RedisPipeline.Queued> queued = p.queued();
        for (RedisPipeline.Queued q : queued) checkShared(q.command());
        int n = queued.size();
        List<RedisCommand<String, String, ?>> cmds = new ArrayList<>(n);
        List<AsyncCommand<String, String, Object>> futures = new ArrayList<>(n);
        java.util.concurrent.atomic.AtomicLongArray ends = new java.util.concurrent.atomic.AtomicLongArray(n);
        long start = vu.clock().nanoTime();
        long intended = vu.intendedStart(start);
        for (int i = 0; i < n; i++) {
            AsyncCommand<String, String, Object> c = command(queued.get(i).command(), queued.get(i).args());
            int at = i;
            c.whenComplete((r, e) -> ends.set(at, vu.clock().nanoTime()));
            futures.add(c);
            cmds.add(c);
        }
        List<Object> replies = new ArrayList<>(n);
        String kind = null;
        String why = null;
        try {
            if (n > 0) connection.dispatch(cmds);
            long deadline = start + timeoutNanos;
            for (AsyncCommand<String, String, Object> f : futures) {
                Object r = null;
                int at = replies.size();
                try {
                    r = f.get(Math.max(0, deadline - vu.clock().nanoTime()), TimeUnit.NANOSECONDS);
                    ends.compareAndSet(at, 0, vu.clock().nanoTime());   // its callback may not have run yet
                } catch (TimeoutException e) {
                    f.cancel(true);
                    if (kind == null) {
                        kind = ErrorKinds.TIMEOUT;
                        why = "no reply within " + io.barrage.engine.format.Durations.format(target.config().timeout());
                    }
                } catch (ExecutionException e) {
                    if (kind == null) {
                        kind = RedisErrors.classify(e.getCause());
                        why = f.getType().toString() + ": " + e.getCause().getMessage();
                    }
                }
                replies.add(r);
            }
        } catch (InterruptedException e) {
            for (AsyncCommand<String, String, Object> f : futures) f.cancel(true);
            if (vu.stopping()) throw new VuStopped();
            Thread.currentThread().interrupt();
            kind = ErrorKinds.IO;
            why = "interrupted";
        } catch (RedisException e) {
            kind = RedisErrors.classify(e);
            why = e.getMessage();
        }
        long end = vu.clock().nanoTime();
        StepMetrics s = vu.step(step);
        s.record(intended, start, end, kind);
        s.counter("commands").add(n);
        for (int i = 0; i < n; i++) {
            if (futures.get(i).isDone() && !futures.get(i).isCompletedExceptionally() && ends.get(i) != 0) {
                s.timing(timingName(queued.get(i).command())).record(Math.max(0, ends.get(i) - start));
            }
        }
        error = kind == null ? null : kind + ": " + why;
        while (replies.size() < n) replies.add(null);
        return replies;
    }

    private void checkShared(String command) {
        if (!own && NOT_SHARED.contains(command)) {
            throw new IllegalArgumentException("redis " + command + " changes or blocks its connection, which every user shares here:"
                    + " give each user its own with redis { connection 'per-user' }");
        }
    }

    private static AsyncCommand<String, String, Object> command(String name, CommandArgs<String, String> args) {
        return new AsyncCommand<>(new Command<>(keyword(name), new ReplyOutput(), args));
    }

    /** Lettuce's keyword for a command it knows, else one of the name's bytes (a module's command such as JSON.SET). */
    static ProtocolKeyword keyword(String name) {
        try {
            return CommandType.valueOf(name);
        } catch (IllegalArgumentException e) {
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            return new ProtocolKeyword() {
                @Override public byte[] getBytes() { return bytes; }
                @Override public String toString() { return name; }
                @Override public String name() { return name; }
            };
        }
    }

    /** {@code JSON.SET} → {@code json_set}: a named timing's name. */
    static String timingName(String command) {
        String t = command.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return t.length() > 64 ? t.substring(0, 64) : t;
    }

    void close() {
        if (own) connection.closeAsync();
    }
}
