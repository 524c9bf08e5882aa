package io.barrage.cli;

import io.barrage.launch.LaunchOptions;
import io.barrage.launch.Launcher;
import io.barrage.launch.LoadedLaunch;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code barrage plan SCRIPT}: the load over time, drawn in the terminal, before anything runs. */
@Command(name = "plan", addMethodSubcommands = false, description = "Draw the load a script asks for over time, with its phases, without running it.")
final class PlanCommand implements Callable<Integer> {
    @Mixin HelpOption helpOption;

    @Spec CommandSpec spec;
    @Mixin Common common;

    @Parameters(index = "0", paramLabel = "SCRIPT")
    Path script;

    @Option(names = "--width", defaultValue = "64", description = "Chart width in columns (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "8", description = "Chart height in rows (default: ${DEFAULT-VALUE}).")
    int height;

    @Override
    public Integer call() throws Exception {
        if (width < 10 || width > 400 || height < 2 || height > 100) {
            throw new UsageException("--width must be 10..400 and --height 2..100");
        }
        try (LoadedLaunch loaded = new Launcher().load(LaunchOptions.of(script).withParams(common.params()))) {
            for (String w : loaded.warnings()) spec.commandLine().getOut().println("! " + w);
            spec.commandLine().getOut().print(PlanChart.render(loaded.plan(), width, height));
        }
        return 0;
    }
}
