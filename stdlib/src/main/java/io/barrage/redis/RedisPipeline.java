package io.barrage.redis;

import io.lettuce.core.protocol.CommandArgs;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands of one {@link Redis#pipeline} batch: the same methods as {@code redis}, each queued
 * (returning null); the batch is sent in one write when the closure returns, and its replies come
 * back from {@code pipeline} in order.
 */
public final class RedisPipeline extends RedisCommands {
    record Queued(String command, CommandArgs<String, String> args) {}

    private final RedisTarget target;
    private final List<Queued> queued = new ArrayList<>();

    RedisPipeline(RedisTarget target) {
        this.target = target;
    }

    @Override
    protected Object exec(String step, String command, CommandArgs<String, String> args) {
        queued.add(new Queued(command, args));
        return null;
    }

    @Override
    protected RedisQueue queue(String name) {
        return target.queue(name);
    }

    List<Queued> queued() {
        return queued;
    }
}
