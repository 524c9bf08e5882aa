package io.barrage.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by the commands that load a script. */
final class Common {
    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "A script parameter, read with param('NAME', default); it must be one the script names. Repeatable.")
    List<String> params = new ArrayList<>();

    @Option(names = "--verbose", description = "Print stack traces of internal errors.")
    boolean verbose;

    /** The {@code -p} parameters by name (a later one of the same name wins). */
    Map<String, String> params() {
        return params(params);
    }

    /**
     * {@code NAME=VALUE} arguments by name, split at the first {@code =}.
     *
     * @throws UsageException for one that is not NAME=VALUE
     */
    static Map<String, String> params(List<String> args) {
        Map<String, String> out = new LinkedHashMap<>();
        if (args == null) return out;
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0) throw new UsageException("-p " + a + ": a parameter is NAME=VALUE");
            if (eq == 0) throw new UsageException("-p " + a + ": a parameter is NAME=VALUE, and the name is missing");
            out.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return out;
    }
}
