package io.barrage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.testing.RealRedis;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** barrage run with a Redis target, as a user meets it: not there (exit 2), and a warm-up that never touches it. */
class RedisCliTest {
    @TempDir Path dir;

    @Test
    void aRedisThatIsNotThereIsOneLineAndExit2BeforeAnythingRuns() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path script = Files.writeString(dir.resolve("jobs.groovy"), """
                redis { url 'redis://127.0.0.1:%d' }
                scenario('jobs') {
                    user { redis.lpush('jobs', 'x') }
                    phases { hold 'h', rate: 10, for: 1.s }
                }
                """.formatted(port));
        Cli r = Cli.run("run", "--quiet", "--no-results", script.toString());
        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.err.strip()).isEqualTo("barrage: redis at " + script + ":1: redis://127.0.0.1:" + port + " is not reachable (Connection refused)");
        assertThat(r.out).doesNotContain("warming");
        assertThat(Cli.run("validate", script.toString()).exit).isZero();   // validate does not connect
    }

    @Test
    void theWarmUpWarmsTheRedisClientOnAStandInNeverOnTheScriptsRedis() throws Exception {
        try (RealRedis server = RealRedis.start()) {
            Path script = Files.writeString(dir.resolve("reads.groovy"), """
                    redis { url '%s' }
                    scenario('reads') {
                        user { redis.get('nothing-here') }
                        phases { hold 'h', rate: 20, for: 1.s }
                    }
                    """.formatted(server.url()));
            Cli r = Cli.run("run", "--no-results", "--warmup", "1s", script.toString());
            assertThat(r.exit).as(r.toString()).isZero();
            assertThat(r.out).contains("then Redis calls against an in-process stand-in").contains("redis GET");
            assertThat(server.integer("DBSIZE")).isZero();       // the warm-up's INCR, LPUSH and SET went elsewhere
            assertThat(server.integer("EXISTS warm:n warm:jobs warm:k")).isZero();
        }
    }
}
