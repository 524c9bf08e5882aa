package io.barrage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barrage.engine.metrics.ErrorKinds;
import io.barrage.engine.testing.RealRedis;
import io.barrage.engine.testing.TestVus;
import io.barrage.engine.user.Vu;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Redis as a target, against a real redis-server on a free loopback port. */
class RedisTest {
    private RealRedis server;
    private final List<RedisTarget> targets = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = RealRedis.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (RedisTarget t : targets) t.close();
        if (server != null) server.close();
    }

    private RedisTarget target(Duration timeout, boolean perUser, RedisQueue... queues) throws Exception {
        Map<String, RedisQueue> q = new LinkedHashMap<>();
        for (RedisQueue x : queues) q.put(x.name(), x);
        RedisTarget t = new RedisTarget(new RedisConfig(server.url(), timeout, perUser, Duration.ofSeconds(1), q), "redis at test.groovy:1");
        targets.add(t);
        t.check();
        t.start();
        return t;
    }

    private static Redis client(RedisTarget t, Vu vu) throws Exception {
        return new RedisProtocol(t).open(vu);
    }

    @Test
    void typedCommandsReachTheServerAndAreRecordedEachUnderItsStep() throws Exception {
        TestVus vus = new TestVus();
        Redis r = client(target(null, false), vus.newVu());
        assertThat(r.ping()).isEqualTo("PONG");
        assertThat(r.set("greeting", "hello")).isEqualTo("OK");
        assertThat(r.get("greeting")).isEqualTo("hello");
        assertThat(r.get("absent")).isNull();
        assertThat(r.error()).isNull();
        assertThat(r.incr("n")).isEqualTo(1L);
        assertThat(r.incrBy("n", 41)).isEqualTo(42L);
        assertThat(r.hset("user:1", Map.of("name", "ada", "age", 36))).isEqualTo(2L);
        assertThat(r.hgetAll("user:1")).containsEntry("name", "ada").containsEntry("age", "36");
        assertThat(r.lpush("list", "a", "b", "c")).isEqualTo(3L);
        assertThat(r.lrange("list", 0, -1)).containsExactly("c", "b", "a");
        assertThat(r.zadd("board", 2.5, "ada")).isEqualTo(1L);
        assertThat(r.zscore("board", "ada")).isEqualTo(2.5);
        assertThat(r.xadd("events", Map.of("kind", "signup"))).matches("\\d+-\\d+");
        assertThat(r.xlen("events")).isEqualTo(1L);
        assertThat(r.set("short", "v", Duration.ofSeconds(30))).isEqualTo("OK");
        assertThat(r.ttl("short")).isBetween(1L, 30L);
        // any command, its reply as plain values
        assertThat(r.call("SET", "k", 7)).isEqualTo("OK");
        assertThat(r.call("INCRBY", "k", 3)).isEqualTo(10L);
        assertThat(r.call("MGET", "k", "absent")).isEqualTo(java.util.Arrays.asList("10", null));
        assertThat(r.del("k", "greeting")).isEqualTo(2L);

        assertThat(server.send("GET n")).isEqualTo("$2");   // it reached the real server
        assertThat(vus.requests("redis SET")).isEqualTo(3);
        assertThat(vus.requests("redis INCRBY")).isEqualTo(2);
        assertThat(vus.requests("redis GET")).isEqualTo(2);
        assertThat(vus.requests("redis LPUSH")).isEqualTo(1);
    }

    @Test
    void aRedisErrorReplyIsCountedByItsPrefixAndReturnsNull() throws Exception {
        TestVus vus = new TestVus();
        Redis r = client(target(null, false), vus.newVu());
        r.set("text", "x");
        assertThat(r.lpush("text", "y")).isNull();
        assertThat(r.error()).startsWith("redis_wrongtype: WRONGTYPE");
        assertThat(r.call("NOSUCHCOMMAND", "a")).isNull();
        assertThat(r.error()).startsWith("redis_err: ERR unknown command");
        assertThat(r.get("text")).isEqualTo("x");
        assertThat(r.error()).isNull();
        vus.flush();
        assertThat(vus.errors("redis LPUSH", "redis_wrongtype")).isEqualTo(1);
        assertThat(vus.errors("redis NOSUCHCOMMAND", "redis_err")).isEqualTo(1);
    }

    @Test
    void aCallWithNoReplyInItsTimeoutIsATimeout() throws Exception {
        TestVus vus = new TestVus();
        Redis r = client(target(Duration.ofMillis(100), false), vus.newVu());
        assertThat(server.send("CLIENT PAUSE 600 ALL")).isEqualTo("+OK");
        assertThat(r.get("k")).isNull();
        assertThat(r.error()).startsWith("timeout: no reply within 100ms");
        vus.flush();
        assertThat(vus.errors("redis GET", ErrorKinds.TIMEOUT)).isEqualTo(1);
    }

    @Test
    void aPipelineIsOneCallWithItsCommandsCountedAndTimedByName() throws Exception {
        TestVus vus = new TestVus();
        Redis r = client(target(null, false), vus.newVu());
        List<Object> replies = r.pipeline(p -> {
            p.set("a", "1");
            p.incr("a");
            p.lpush("q", Map.of("job", 1));
            p.get("a");
        });
        assertThat(replies).containsExactly("OK", 2L, 1L, "2");
        assertThat(server.send("LPOP q")).isEqualTo("$9");   // {"job":1}
        assertThat(vus.requests("redis pipeline")).isEqualTo(1);
        assertThat(vus.requests("redis SET")).isZero();
        var step = vus.metrics.step("redis pipeline");
        assertThat(step.counterTotals()).containsEntry("commands", 4L);
        assertThat(step.timingNamesInUse()).contains("set", "incr", "lpush", "get");

        // one failed command fails the batch; the others' replies stay
        List<Object> mixed = r.pipeline("batch", p -> {
            p.set("s", "x");
            p.lpush("s", "y");
        });
        assertThat(mixed).containsExactly("OK", null);
        assertThat(r.error()).startsWith("redis_wrongtype: LPUSH: WRONGTYPE");
        vus.flush();
        assertThat(vus.errors("batch", "redis_wrongtype")).isEqualTo(1);
    }

    @Test
    void queuesArePushedAsJsonOrStreamFieldsAndTheirDepthIsRead() throws Exception {
        TestVus vus = new TestVus();
        RedisTarget t = target(null, false, new RedisQueue("emails", "jobs:email", false, null),
                new RedisQueue("reports", "jobs:reports", true, null), new RedisQueue("fifo", "jobs:fifo", false, "rpush"));
        Redis r = client(t, vus.newVu());
        for (int i = 0; i < 3; i++) assertThat(r.push("emails", Map.of("to", "u" + i + "@example.com"))).isEqualTo((long) i + 1);
        assertThat((String) r.push("reports", Map.of("id", 7, "kind", "daily"))).matches("\\d+-\\d+");
        r.push("fifo", "first");
        r.push("fifo", "second");
        assertThat(server.send("LINDEX jobs:fifo 0")).isEqualTo("$5");      // RPUSH: first stays first
        assertThat(server.integer("LLEN jobs:email")).isEqualTo(3);
        assertThat(server.integer("XLEN jobs:reports")).isEqualTo(1);
        assertThat(vus.requests("redis LPUSH jobs:email")).isEqualTo(3);
        assertThat(vus.requests("redis XADD jobs:reports")).isEqualTo(1);
        assertThatThrownBy(() -> r.push("nope", "x")).hasMessage("redis has no queue 'nope' (its queues: emails, reports, fifo)");

        long deadline = System.nanoTime() + 10_000_000_000L;   // the probe reads every second
        while (System.nanoTime() < deadline && !(t.depths().get("emails") == 3.0 && t.depths().get("reports") == 1.0)) Thread.sleep(50);
        assertThat(t.depths()).containsEntry("emails", 3.0).containsEntry("reports", 1.0).containsEntry("fifo", 2.0);
    }

    @Test
    void blockingCommandsNeedAConnectionOfTheirOwn() throws Exception {
        TestVus vus = new TestVus();
        Redis shared = client(target(null, false), vus.newVu());
        assertThatThrownBy(() -> shared.call("BLPOP", "none", 1)).hasMessageContaining("connection 'per-user'");
        assertThatThrownBy(() -> shared.call("multi")).hasMessageContaining("connection 'per-user'");

        Redis own = client(target(null, true), vus.newVu());
        assertThat(own.call("BLPOP", "none", "0.05")).isNull();
        assertThat(own.error()).isNull();   // a nil reply, not a failure
        own.close();
    }

    @Test
    void aServerThatIsNotThereIsOneLineBeforeTheRun() throws Exception {
        int port = server.port();
        server.close();
        server = null;
        RedisTarget t = new RedisTarget(new RedisConfig("redis://127.0.0.1:" + port, null, false, null, Map.of()), "redis at jobs.groovy:3");
        targets.add(t);
        assertThatThrownBy(t::check).hasMessage("redis at jobs.groovy:3: redis://127.0.0.1:" + port + " is not reachable (Connection refused)");
    }

    @Test
    void aServerThatDiesDuringTheRunIsReportedLostAfterItsGrace() throws Exception {
        TestVus vus = new TestVus();
        RedisTarget t = target(Duration.ofMillis(500), false);
        List<String> lost = new CopyOnWriteArrayList<>();
        t.watch(lost::add);
        Redis r = client(t, vus.newVu());
        assertThat(r.set("k", "v")).isEqualTo("OK");
        server.kill();
        assertThat(r.get("k")).isNull();
        assertThat(r.error()).matches("(reset|refused): .*");
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline && lost.isEmpty()) Thread.sleep(50);
        assertThat(lost).singleElement().asString().startsWith(server.url() + " unreachable for ").endsWith("(redis lostAfter 1s)");
    }

    @Test
    void passwordsAreNotShownInMessages() {
        RedisConfig c = new RedisConfig("redis://app:s3cret@127.0.0.1:6379/2", null, false, null, Map.of());
        assertThat(c.shownUrl()).isEqualTo("redis://app:***@127.0.0.1:6379/2");
        assertThat(new RedisConfig("http://x", null, false, null, Map.of()).problems()).singleElement().asString().startsWith("redis url 'http://x' is not a Redis URL");
    }

    @Test
    void errorKindsByReplyPrefix() {
        assertThat(RedisErrors.reply("WRONGTYPE Operation against a key")).isEqualTo("redis_wrongtype");
        assertThat(RedisErrors.reply("OOM command not allowed")).isEqualTo("redis_oom");
        assertThat(RedisErrors.reply("")).isEqualTo("redis_err");
        assertThat(RedisErrors.reply("-!!")).isEqualTo("redis_err");
    }
}
