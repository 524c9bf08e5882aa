package io.barrage.launch;

import io.barrage.engine.loop.EventLoops;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.run.TestPlan;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/**
 * How many event loops a run of a script gets ({@code --loops}). By default, one per core; but
 * when every target is on this machine (loopback, or the built-in simulated service) the target
 * needs cores too, and half of them go to the generator: on 2 cores one loop made B1 1.3× as many
 * requests per CPU-second as two (measured with nginx on the same machine), because two loops then
 * wait for the target more often and each wake-up costs a context switch.
 */
final class Loops {
    static final String AUTO = "auto";

    private Loops() {}

    /**
     * The count for {@code option}: {@code auto} (the default: see above), {@code off} (the JDK's
     * scheduler) or a number.
     *
     * @throws IllegalArgumentException with a one-line message for anything else
     */
    static int of(String option, TestPlan plan) {
        return count(parse(option), plan);
    }

    /**
     * {@code --loops} as {@link LaunchOptions#loops}: {@code auto}, {@code off} or a number from 1 to 1024.
     *
     * @throws IllegalArgumentException with a one-line message for anything else
     */
    static int parse(String option) {
        String o = option == null ? AUTO : option.trim().toLowerCase(Locale.ROOT);
        if (o.equals("off")) return LaunchOptions.NO_LOOPS;
        if (o.equals(AUTO)) return LaunchOptions.AUTO_LOOPS;
        try {
            int n = Integer.parseInt(o);
            if (n >= 1 && n <= LaunchOptions.MAX_LOOPS) return n;
        } catch (NumberFormatException ignored) {
            // the message below
        }
        throw new IllegalArgumentException("--loops must be auto, off or a number from 1 to 1024, not '" + option + "'");
    }

    /**
     * The loops a run of {@code plan} gets for {@link LaunchOptions#loops}: a count or off as given;
     * for {@link LaunchOptions#AUTO_LOOPS}, the engine's {@code barrage.loops} system property where it
     * is set (an override for the engine's own tests and benchmarks, which a launch's typed count
     * beats), else one per core, or half of them when every target is on this machine.
     */
    static int count(int loops, TestPlan plan) {
        if (loops != LaunchOptions.AUTO_LOOPS) return loops;
        if (!System.getProperty("barrage.loops", "").isBlank()) return EventLoops.configuredCount();
        int cores = Runtime.getRuntime().availableProcessors();
        return local(plan) ? Math.max(1, cores / 2) : cores;
    }

    /** True when every scenario's target is known and on this machine. */
    static boolean local(TestPlan plan) {
        if (plan.scenarios().isEmpty()) return false;
        for (Scenario s : plan.scenarios()) {
            String target = s.info().get("target");
            if (target == null || !(target.startsWith("built-in simulated service") || loopback(target))) return false;
        }
        return true;
    }

    private static boolean loopback(String url) {
        try {
            String host = URI.create(url).getHost();
            if (host == null) return false;
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            if (host.equalsIgnoreCase("localhost")) return true;
            if (!host.matches("[0-9.]+") && !host.contains(":")) return false;   // a name: no lookup just for this
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IllegalArgumentException | java.io.IOException e) {
            return false;
        }
    }
}
