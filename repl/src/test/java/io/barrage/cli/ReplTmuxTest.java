package io.barrage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REPL in a real terminal: tmux runs {@code barrage repl} on a pseudo-terminal, the test types
 * into it with send-keys and reads the screen with capture-pane. Skipped where tmux is missing.
 */
class ReplTmuxTest {
    @TempDir Path dir;
    final String session = "barrage-test-" + ProcessHandle.current().pid();

    static String tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("tmux");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    String screen() throws Exception {
        return tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", session);
    }

    void type(String keys) throws Exception {
        tmux("send-keys", "-t", session, keys, "Enter");
    }

    String awaitScreen(String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String s = screen();
        while (!s.contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            s = screen();
        }
        assertThat(s).as("the screen").contains(text);
        return s;
    }

    @Test
    void startSteerWatchAndStopATestInARealTerminal() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "tmux is not installed");
        Path script = dir.resolve("steer.groovy");
        Files.writeString(script, """
                sim { latency 1.ms }
                scenario('steer') {
                    user { http.get('/items/1') }
                    phases { hold 'steady', rate: 50, for: 60.s }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        String cmd = "cd " + dir + " && " + java + " -Duser.home=" + dir + " --enable-native-access=ALL-UNNAMED -cp " + System.getProperty("java.class.path")
                + " io.barrage.cli.Main repl " + script + "; echo REPL-EXIT $?; sleep 30";
        tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", cmd);
        try {
            awaitScreen("start runs it", 60);
            type("start");
            awaitScreen("phase 'steady' began", 30);
            type("rate 80");
            awaitScreen("ok: rate (rate 80.0)", 10);
            type("rate x1.5");
            awaitScreen("ok: rate (rates {\"steer\":120.0})", 10);
            type("pause");
            awaitScreen("ok: pause (paused true)", 10);
            type("resume");
            awaitScreen("ok: resume (resumed true)", 10);
            type("watch");
            awaitScreen("watching · any key stops", 10);
            Thread.sleep(2500);
            tmux("send-keys", "-t", session, "q");
            type("stop");
            awaitScreen("run ended: ABORTED", 20);
            tmux("send-keys", "-t", session, "C-d");
            String s = awaitScreen("REPL-EXIT 0", 20);
            assertThat(s).contains("120/s");
            Path results = Files.list(dir.resolve("results")).findFirst().orElseThrow();
            List<String> control = Files.readAllLines(results.resolve("events.jsonl")).stream().filter(l -> l.contains("\"control\"")).toList();
            assertThat(control).hasSize(5);
            assertThat(control.get(0)).contains("rate set to 80/s").contains("\"origin\":\"repl\"");
            assertThat(Files.readString(dir.resolve(".barrage/history"))).contains("rate x1.5");
        } finally {
            tmux("kill-session", "-t", session);
        }
    }
}
