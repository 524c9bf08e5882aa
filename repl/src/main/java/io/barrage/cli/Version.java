package io.barrage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** barrage's version, from the build. */
public final class Version implements CommandLine.IVersionProvider {

    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) return "dev";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    /**
     * The version and the build's time: what compiled scripts are cached under, so a new build of the
     * same version (a snapshot, a developer's checkout) never runs scripts compiled by an older DSL.
     */
    public static String build() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) return "dev";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev") + "+" + p.getProperty("build", "");
        } catch (IOException e) {
            return "dev";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"barrage " + get() + " (Java " + Runtime.version() + ", " + System.getProperty("java.vm.name") + ")"};
    }
}
