package io.barrage.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code barrage repl [SCRIPT]}: load, start and steer a test from a console. */
@Command(name = "repl", addMethodSubcommands = false, description = "An interactive console: load a script, start it, watch it, change its rate, pause, resume, stop.",
        footer = {"", "Commands: load, start, status, watch, rate 300 | rate x1.5, users 200, pause, resume, phase next | phase extend 1m,",
                "stop, summary, groovy, help, quit. Ctrl-C interrupts a command; Ctrl-D leaves (asking before stopping a running test)."})
final class ReplCommand implements Callable<Integer> {
    @Mixin HelpOption helpOption;

    @Mixin Common common;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCRIPT", description = "A script to load at start.")
    Path script;

    @Override
    public Integer call() throws Exception {
        try (Terminal terminal = terminal()) {
            Repl repl = new Repl(terminal, null, common.params());
            if (script != null) repl.commandLineScript(script).execute("load " + quote(script.toString()));
            repl.loop();
        }
        return 0;
    }

    static Terminal terminal() throws java.io.IOException {
        return TerminalBuilder.builder().name("barrage").system(true).dumb(true).build();
    }

    static String quote(String s) {
        return "'" + s.replace("'", "\\'") + "'";
    }
}
