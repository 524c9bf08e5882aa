package io.barrage.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h, --help} for a subcommand (the hint every usage error ends with). One field, not picocli's
 * standard help mixin, which would also add {@code --version} and cost a reflection pass per command.
 */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
