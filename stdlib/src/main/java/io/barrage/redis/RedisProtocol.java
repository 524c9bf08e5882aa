package io.barrage.redis;

import io.barrage.engine.user.Protocol;
import io.barrage.engine.user.Vu;

/**
 * Redis as a protocol module, {@code redis} in a script: each virtual user's {@link Redis} on the
 * script's {@link RedisTarget}, over the connection every user shares or (with {@code connection
 * 'per-user'}) one of its own, closed when the user is done.
 */
public final class RedisProtocol implements Protocol<Redis> {
    public static final String NAME = "redis";
    private final RedisTarget target;

    public RedisProtocol(RedisTarget target) {
        this.target = target;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Redis open(Vu vu) throws Exception {
        if (target.config().perUser()) return new Redis(target, vu, target.connect(), true);
        return new Redis(target, vu, target.shared(), false);
    }

    @Override
    public void close(Redis client) {
        client.close();
    }

    @Override
    public String target() {
        return target.toString();
    }

    /** The server its users reach. */
    public RedisTarget server() {
        return target;
    }
}
