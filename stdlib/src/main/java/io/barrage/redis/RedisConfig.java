package io.barrage.redis;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a script's Redis is and how its users reach it.
 *
 * @param url       {@code redis://[user:password@]host:port[/db]} (or {@code rediss://} for TLS)
 * @param timeout   how long one call may wait for its reply before it counts as a timeout
 * @param perUser   a connection per virtual user (else one connection shared by every user,
 *                  Lettuce's multiplexing: the usual way, and the only one that needs no pool)
 * @param lostAfter how long Redis may be unreachable during the load before the run ends as an error (exit 4)
 * @param queues    the job queues by name
 */
public record RedisConfig(String url, Duration timeout, boolean perUser, Duration lostAfter, Map<String, RedisQueue> queues) {
    public static final String DEFAULT_URL = "redis://127.0.0.1:6379";

    static {
        RedisLogging.init();
    }

    public RedisConfig {
        url = url == null ? DEFAULT_URL : url;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        lostAfter = lostAfter == null ? Duration.ofSeconds(5) : lostAfter;
        queues = queues == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(queues));
    }

    /** The problems with these settings, each one line (empty when they are fine). */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        try {
            RedisURI.create(url);
        } catch (RuntimeException e) {
            out.add("redis url '" + url + "' is not a Redis URL (redis://host:port[/db]): " + e.getMessage());
        }
        if (timeout.isNegative() || timeout.isZero()) out.add("redis timeout must be > 0");
        if (lostAfter.isNegative() || lostAfter.isZero()) out.add("redis lostAfter must be > 0");
        return out;
    }

    /** The URL without its password, for messages. */
    public String shownUrl() {
        return url.replaceAll("//([^:@/]*):[^@/]*@", "//$1:***@");
    }
}
