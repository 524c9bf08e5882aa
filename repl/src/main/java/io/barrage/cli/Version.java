package io.barrage.cli;

import io.barrage.launch.Build;
import picocli.CommandLine;

/** barrage's version, from the build. */
public final class Version implements CommandLine.IVersionProvider {

    public static String get() {
        return Build.version();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"barrage " + get() + " (Java " + Runtime.version() + ", " + System.getProperty("java.vm.name") + ")"};
    }
}
