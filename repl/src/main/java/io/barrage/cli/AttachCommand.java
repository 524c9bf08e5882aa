package io.barrage.cli;

import io.barrage.engine.control.RemoteRunControl;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code barrage attach URL --token T}: the REPL on a test running in another process, through its control API ({@link RemoteRunControl}). */
@Command(name = "attach", addMethodSubcommands = false, description = "The REPL on a test running in another process (barrage run --control ...).",
        footer = {"", "The same commands as barrage repl but load/start: status, watch, rate, users, pause, resume, phase, stop, summary, groovy.",
                "Leaving (Ctrl-D) detaches; the test goes on."})
final class AttachCommand implements Callable<Integer> {
    @Mixin HelpOption helpOption;

    @Parameters(index = "0", paramLabel = "URL", description = "The control API, as barrage run printed it: http://127.0.0.1:7070.")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", description = "The control API's token (default: BARRAGE_TOKEN).")
    String token;

    @Override
    public Integer call() throws Exception {
        String t = token != null ? token : System.getenv(ControlAddress.TOKEN_ENV);
        if (t == null || t.isBlank()) throw new UsageException("attach needs the control API's token: --token T (barrage run printed it) or BARRAGE_TOKEN");
        Steering remote = Steering.remote(url, t.trim());
        try (RemoteRunControl control = (RemoteRunControl) remote.run()) {
            try {
                control.status();
            } catch (UncheckedIOException e) {
                throw new UsageException(e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new UsageException(url + ": " + e.getMessage());
            }
            try (Terminal terminal = ReplCommand.terminal()) {
                new Repl(terminal, remote, Map.of()).loop();
            }
        }
        return 0;
    }
}
