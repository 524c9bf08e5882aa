package io.barrage.redis;

import java.util.Locale;

/**
 * A job queue in Redis that a script pushes to by name ({@code redis.push('emails', job)}) and whose
 * depth barrage samples every interval as the gauge {@code redis_queue_depth{queue="emails"}}: a
 * list (LPUSH or RPUSH, depth LLEN) or a stream (XADD, depth XLEN).
 *
 * @param name   how the script names it
 * @param key    the Redis key
 * @param stream true for a stream (XADD/XLEN), false for a list
 * @param push   for a list, {@code LPUSH} or {@code RPUSH}
 */
public record RedisQueue(String name, String key, boolean stream, String push) {
    public RedisQueue {
        if (name == null || !name.matches("[A-Za-z0-9_.:-]+")) {
            throw new IllegalArgumentException("a queue's name is letters, digits and _ . : - (got '" + name + "')");
        }
        if (key == null || key.isEmpty()) throw new IllegalArgumentException("queue '" + name + "' needs its Redis key: key: 'jobs:email' or stream: 'jobs:email'");
        push = push == null ? (stream ? "XADD" : "LPUSH") : push.toUpperCase(Locale.ROOT);
        if (stream && !push.equals("XADD")) throw new IllegalArgumentException("queue '" + name + "' is a stream: it is pushed with XADD");
        if (!stream && !push.equals("LPUSH") && !push.equals("RPUSH")) {
            throw new IllegalArgumentException("queue '" + name + "': push: is 'lpush' or 'rpush', not '" + push.toLowerCase(Locale.ROOT) + "'");
        }
    }

    /** The command that reads its depth. */
    String depthCommand() {
        return stream ? "XLEN" : "LLEN";
    }
}
