package io.barrage.engine.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Real servers the tests talk to (Prometheus, the Pushgateway...), found on this machine or, on a
 * Debian machine run as root, installed once from Debian's packages, as .ci/run does.
 */
public final class Peers {
    private Peers() {}

    /**
     * The path of {@code binary}, installing Debian's {@code pkg} first where it is missing and
     * apt-get can run; null when it cannot be had.
     */
    public static synchronized String find(String binary, String pkg) {
        String found = lookup(binary);
        if (found != null) return found;
        if (lookup("apt-get") == null || !"root".equals(System.getProperty("user.name"))) return null;
        try {
            Process p = new ProcessBuilder("bash", "-c", "(apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends " + pkg)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) p.destroyForcibly();
        } catch (Exception e) {
            return null;
        }
        return lookup(binary);
    }

    private static String lookup(String binary) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/sbin:/bin";
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, binary);
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }
}
