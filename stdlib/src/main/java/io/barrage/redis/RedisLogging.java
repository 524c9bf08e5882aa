package io.barrage.redis;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lettuce, Netty and Reactor log through factories that would pick SLF4J (on the class path
 * without a binding: three lines of warning) and print their reconnect chatter. Here they log to
 * java.util.logging, severe only: a failed call is barrage's to report, once, in its own words.
 */
final class RedisLogging {
    /** Held: java.util.logging keeps its loggers weakly, and a collected one forgets its level. */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("io.lettuce"), Logger.getLogger("io.netty"), Logger.getLogger("reactor"));

    static {
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        reactor.util.Loggers.useJdkLoggers();
        for (Logger l : QUIET) l.setLevel(Level.SEVERE);
    }

    private RedisLogging() {}

    /** Runs the static set-up once (before the first Lettuce class a caller touches). */
    static void init() {}
}
