package io.barrage.redis;

import io.barrage.http.JsonSupport;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Redis commands a script calls, typed, each recorded under the step {@code redis COMMAND}
 * ({@code redis LPUSH jobs:email} for a queue's pushes): {@link #call} sends any other. Values
 * that are maps or lists are sent as JSON; numbers and strings as their text. A failed call
 * (refused, timed out, an error reply) is counted by its kind and returns null; {@link
 * Redis#error()} says why.
 */
public abstract class RedisCommands {

    /** Sends one command (or queues it, in a pipeline) and returns its reply as plain values (null in a pipeline). */
    protected abstract Object exec(String step, String command, CommandArgs<String, String> args);

    /** The queue of this name (declared in the script's {@code redis { queue … }}). */
    protected abstract RedisQueue queue(String name);

    // ---- any command

    /**
     * Any command, its arguments as given: {@code redis.call('SET', 'k', 'v', 'EX', 60)}. The reply as
     * plain values: a String (status or bulk; nil is null), a Long, a Double, a List.
     */
    public Object call(String command, Object... args) {
        if (command == null || command.isBlank()) throw new IllegalArgumentException("redis.call needs a command: redis.call('SET', 'k', 'v')");
        String name = command.trim().toUpperCase(Locale.ROOT);
        CommandArgs<String, String> a = args();
        if (args != null) for (Object o : args) add(a, o);
        return exec("redis " + name, name, a);
    }

    // ---- queues

    /**
     * Pushes a job into a queue the script declared ({@code queue 'emails', key: 'jobs:email'}):
     * LPUSH/RPUSH its JSON (a map or a list) or text to a list; XADD its fields to a stream (a map's
     * entries, else one field {@code job}). Returns the list's length or the stream entry's id.
     */
    public Object push(String queue, Object job) {
        RedisQueue q = queue(queue);
        CommandArgs<String, String> a = args().addKey(q.key());
        if (q.stream()) {
            a.add("*");
            if (job instanceof Map<?, ?> m && !m.isEmpty()) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    a.add(String.valueOf(e.getKey()));
                    add(a, e.getValue());
                }
            } else {
                a.add("job");
                add(a, job);
            }
        } else {
            add(a, job);
        }
        return exec("redis " + q.push() + " " + q.key(), q.push(), a);
    }

    // ---- strings and keys

    public String ping() { return (String) exec("redis PING", "PING", args()); }
    public String get(String key) { return str(exec("redis GET", "GET", args().addKey(key))); }
    public String set(String key, Object value) { return str(exec("redis SET", "SET", value(args().addKey(key), value))); }

    /** SET with an expiry: {@code redis.set('session:1', token, 30.min)}. */
    public String set(String key, Object value, Duration ttl) {
        return str(exec("redis SET", "SET", value(args().addKey(key), value).add("PX").add(ttl.toMillis())));
    }

    public List<Object> mget(String... keys) { return list(exec("redis MGET", "MGET", keys(args(), keys))); }
    public Long del(String... keys) { return num(exec("redis DEL", "DEL", keys(args(), keys))); }
    public Long exists(String... keys) { return num(exec("redis EXISTS", "EXISTS", keys(args(), keys))); }
    public Long expire(String key, Duration ttl) { return num(exec("redis PEXPIRE", "PEXPIRE", args().addKey(key).add(ttl.toMillis()))); }
    public Long ttl(String key) { return num(exec("redis TTL", "TTL", args().addKey(key))); }
    public Long incr(String key) { return num(exec("redis INCR", "INCR", args().addKey(key))); }
    public Long incrBy(String key, long by) { return num(exec("redis INCRBY", "INCRBY", args().addKey(key).add(by))); }
    public Long decr(String key) { return num(exec("redis DECR", "DECR", args().addKey(key))); }

    // ---- hashes

    public Long hset(String key, String field, Object value) { return num(exec("redis HSET", "HSET", value(args().addKey(key).add(field), value))); }

    public Long hset(String key, Map<String, ?> fields) {
        CommandArgs<String, String> a = args().addKey(key);
        for (Map.Entry<String, ?> e : fields.entrySet()) value(a.add(e.getKey()), e.getValue());
        return num(exec("redis HSET", "HSET", a));
    }

    public String hget(String key, String field) { return str(exec("redis HGET", "HGET", args().addKey(key).add(field))); }

    /** Every field of a hash, in Redis' order. */
    public Map<String, String> hgetAll(String key) {
        List<Object> flat = list(exec("redis HGETALL", "HGETALL", args().addKey(key)));
        if (flat == null) return null;
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) out.put(String.valueOf(flat.get(i)), (String) flat.get(i + 1));
        return out;
    }

    public Long hincrBy(String key, String field, long by) { return num(exec("redis HINCRBY", "HINCRBY", args().addKey(key).add(field).add(by))); }
    public Long hdel(String key, String... fields) { return num(exec("redis HDEL", "HDEL", strings(args().addKey(key), fields))); }

    // ---- lists

    public Long lpush(String key, Object... values) { return num(exec("redis LPUSH", "LPUSH", values(args().addKey(key), values))); }
    public Long rpush(String key, Object... values) { return num(exec("redis RPUSH", "RPUSH", values(args().addKey(key), values))); }
    public String lpop(String key) { return str(exec("redis LPOP", "LPOP", args().addKey(key))); }
    public String rpop(String key) { return str(exec("redis RPOP", "RPOP", args().addKey(key))); }
    public Long llen(String key) { return num(exec("redis LLEN", "LLEN", args().addKey(key))); }
    public List<Object> lrange(String key, long from, long to) { return list(exec("redis LRANGE", "LRANGE", args().addKey(key).add(from).add(to))); }

    // ---- sets and sorted sets

    public Long sadd(String key, Object... members) { return num(exec("redis SADD", "SADD", values(args().addKey(key), members))); }
    public Long srem(String key, Object... members) { return num(exec("redis SREM", "SREM", values(args().addKey(key), members))); }
    public List<Object> smembers(String key) { return list(exec("redis SMEMBERS", "SMEMBERS", args().addKey(key))); }
    public Long scard(String key) { return num(exec("redis SCARD", "SCARD", args().addKey(key))); }
    public Long zadd(String key, double score, Object member) { return num(exec("redis ZADD", "ZADD", value(args().addKey(key).add(score), member))); }
    public List<Object> zrange(String key, long from, long to) { return list(exec("redis ZRANGE", "ZRANGE", args().addKey(key).add(from).add(to))); }
    public Long zcard(String key) { return num(exec("redis ZCARD", "ZCARD", args().addKey(key))); }

    public Double zscore(String key, Object member) {
        Object r = exec("redis ZSCORE", "ZSCORE", value(args().addKey(key), member));
        return r == null ? null : r instanceof Number n ? n.doubleValue() : Double.valueOf(r.toString());
    }

    // ---- streams and pub/sub

    /** XADD key * field value...: the entry's id. */
    public String xadd(String key, Map<String, ?> fields) {
        CommandArgs<String, String> a = args().addKey(key).add("*");
        for (Map.Entry<String, ?> e : fields.entrySet()) value(a.add(e.getKey()), e.getValue());
        return str(exec("redis XADD", "XADD", a));
    }

    public Long xlen(String key) { return num(exec("redis XLEN", "XLEN", args().addKey(key))); }
    public Long publish(String channel, Object message) { return num(exec("redis PUBLISH", "PUBLISH", value(args().add(channel), message))); }

    // ---- helpers

    static CommandArgs<String, String> args() {
        return new CommandArgs<>(StringCodec.UTF8);
    }

    private static CommandArgs<String, String> keys(CommandArgs<String, String> a, String... keys) {
        for (String k : keys) a.addKey(k);
        return a;
    }

    private static CommandArgs<String, String> strings(CommandArgs<String, String> a, String... s) {
        for (String x : s) a.add(x);
        return a;
    }

    private static CommandArgs<String, String> values(CommandArgs<String, String> a, Object... values) {
        for (Object v : values) value(a, v);
        return a;
    }

    private static CommandArgs<String, String> value(CommandArgs<String, String> a, Object v) {
        add(a, v);
        return a;
    }

    /** One argument: bytes as they are, maps and lists as JSON, anything else as its text. */
    static void add(CommandArgs<String, String> a, Object v) {
        if (v instanceof byte[] b) a.add(b);
        else if (v instanceof Map<?, ?> || v instanceof Collection<?>) a.add(new String(JsonSupport.write(v), java.nio.charset.StandardCharsets.UTF_8));
        else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) a.add(((Number) v).longValue());
        else a.add(String.valueOf(v));
    }

    private static String str(Object r) {
        return r == null ? null : r.toString();
    }

    private static Long num(Object r) {
        return r == null ? null : r instanceof Number n ? n.longValue() : Long.valueOf(r.toString());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object r) {
        return r == null ? null : r instanceof List<?> l ? (List<Object>) l : new ArrayList<>(List.of(r));
    }
}
