package io.barrage.dsl

import groovy.transform.CompileStatic
import groovy.transform.NamedParam
import groovy.transform.NamedParams
import groovy.transform.PackageScope
import io.barrage.dsl.internal.Pos
import io.barrage.redis.RedisConfig
import io.barrage.redis.RedisProtocol
import io.barrage.redis.RedisQueue
import io.barrage.redis.RedisTarget
import java.time.Duration

/**
 * {@code redis { url 'redis://127.0.0.1:6379'; queue 'emails', key: 'jobs:email' }}: the script's
 * Redis server, which every scenario's users reach as {@code redis} ({@code redis.set('k', 'v')},
 * {@code redis.push('emails', job)}). Checked before anything runs; each queue's depth is read
 * every second as the gauge {@code redis_queue_depth{queue=…}} (live line, outputs, and
 * {@code abortWhen queueDepth('emails') > 5000}).
 */
@CompileStatic
class RedisSpec {
    private final DslContext ctx
    private String url = RedisConfig.DEFAULT_URL
    private Duration timeout
    private boolean perUser
    private Duration lostAfter
    private final Map<String, RedisQueue> queues = new LinkedHashMap<>()
    private RedisTarget target
    private RedisProtocol protocol

    RedisSpec(DslContext ctx) {
        this.ctx = ctx
    }

    /** The server: {@code redis://[user:password@]host:port[/db]} (default redis://127.0.0.1:6379). */
    void url(String url) { this.url = url }

    /** How long one call waits for its reply before it counts as a timeout (default 5 s). */
    void timeout(Duration d) { timeout = d }

    /** {@code 'shared'} (default: one connection every user shares, multiplexed) or {@code 'per-user'} (one each, opened on first use). */
    void connection(String mode) {
        if (mode == 'shared') perUser = false
        else if (mode == 'per-user') perUser = true
        else ctx.problem("redis connection is 'shared' or 'per-user', not '${mode}'".toString())
    }

    /** How long Redis may be unreachable during the load before the run ends as an error, exit 4 (default 5 s). */
    void lostAfter(Duration d) { lostAfter = d }

    /**
     * A job queue the users push to by name: {@code queue 'emails', key: 'jobs:email'} (a list,
     * LPUSH; {@code push: 'rpush'} for RPUSH) or {@code queue 'reports', stream: 'jobs:reports'} (XADD).
     */
    void queue(@NamedParams([@NamedParam(value = 'key', type = String), @NamedParam(value = 'stream', type = String),
                             @NamedParam(value = 'push', type = String)]) Map<String, Object> options, String name) {
        for (String k : options.keySet()) {
            if (!(k in ['key', 'stream', 'push'])) ctx.problem("'${k}' is not a setting of queue (valid: key, stream, push)".toString(), k)
        }
        if (options.key != null && options.stream != null) {
            ctx.problem("queue '${name}' is a list (key:) or a stream (stream:), not both".toString(), 'stream')
            return
        }
        if (queues.containsKey(name)) {
            ctx.problem("queue '${name}' is declared twice".toString())
            return
        }
        boolean stream = options.stream != null
        try {
            RedisQueue q = new RedisQueue(name, (stream ? options.stream : options.key) as String, stream, options.push as String)
            queues.put(name, q)
        } catch (IllegalArgumentException e) {
            ctx.problem(e.message, options.push != null && e.message.contains('push') ? 'push' : null)
        }
    }

    /** The queues declared, by name. */
    @PackageScope Set<String> queueNames() { queues.keySet() }

    /** The target (made once, after the block ran), or null when its settings have problems. */
    @PackageScope RedisTarget target() {
        if (target != null) return target
        RedisConfig config = new RedisConfig(url, timeout, perUser, lostAfter, queues)
        List<String> problems = config.problems()
        if (!problems.isEmpty()) {
            for (String p : problems) ctx.problem(this, null, p)
            return null
        }
        Pos at = ctx.positions.get(this)
        String where = at == null ? "redis in ${ctx.file}".toString() : "redis at ${ctx.file}:${at.line}".toString()
        target = new RedisTarget(config, where)
        target
    }

    /** Every scenario's {@code redis}, on the target. */
    @PackageScope RedisProtocol protocol() {
        if (protocol == null && target() != null) protocol = new RedisProtocol(target())
        protocol
    }
}
