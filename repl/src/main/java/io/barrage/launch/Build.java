package io.barrage.launch;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** barrage's version and build, from the build's {@code version.properties}. */
public final class Build {
    private Build() {}

    /** barrage's version ({@code dev} outside a build). */
    public static String version() {
        return read().getProperty("version", "dev");
    }

    /**
     * The version and the build's time: what compiled scripts are cached under, so a new build of the
     * same version (a snapshot, a developer's checkout) never runs scripts compiled by an older DSL.
     */
    public static String id() {
        Properties p = read();
        return p.isEmpty() ? "dev" : p.getProperty("version", "dev") + "+" + p.getProperty("build", "");
    }

    private static Properties read() {
        Properties p = new Properties();
        try (InputStream in = Build.class.getResourceAsStream("version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // "dev"
        }
        return p;
    }
}
