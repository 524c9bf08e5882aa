package io.barrage.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by the commands that load a script. */
final class Common {
    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "A script parameter, read with param('NAME', default). Repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--verbose", description = "Print stack traces of internal errors.")
    boolean verbose;
}
