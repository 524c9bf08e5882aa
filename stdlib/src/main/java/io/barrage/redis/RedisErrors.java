package io.barrage.redis;

import io.barrage.engine.metrics.ErrorKinds;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Locale;

/**
 * The kind a failed Redis call is counted under: {@code refused} or {@code reset} (the connection),
 * {@code timeout}, and a Redis error reply by its prefix ({@code redis_wrongtype}, {@code redis_err},
 * {@code redis_oom}, {@code redis_noscript}...).
 */
final class RedisErrors {
    private RedisErrors() {}

    static String classify(Throwable e) {
        if (e instanceof RedisCommandExecutionException x) return reply(x.getMessage());
        if (e instanceof RedisCommandTimeoutException) return ErrorKinds.TIMEOUT;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) return ErrorKinds.REFUSED;
            if (c instanceof IOException) return ErrorKinds.RESET;
        }
        if (e instanceof RedisConnectionException) return ErrorKinds.REFUSED;
        // rejected while the connection is down (REJECT_COMMANDS), or closed under the call
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (m.contains("not connected") || m.contains("disconnect") || m.contains("closed") || m.contains("reset")) return ErrorKinds.RESET;
        return ErrorKinds.IO;
    }

    /** {@code WRONGTYPE Operation against a key...} → {@code redis_wrongtype}. */
    static String reply(String message) {
        if (message == null || message.isBlank()) return "redis_err";
        int space = message.indexOf(' ');
        String prefix = space < 0 ? message : message.substring(0, space);
        StringBuilder b = new StringBuilder("redis_");
        for (char ch : prefix.toCharArray()) {
            if (Character.isLetterOrDigit(ch)) b.append(Character.toLowerCase(ch));
            if (b.length() >= 30) break;
        }
        return b.length() == 6 ? "redis_err" : b.toString();
    }
}
