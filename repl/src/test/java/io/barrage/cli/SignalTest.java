package io.barrage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C and SIGTERM stop a run cleanly: the summary is printed and written, the exit code is 3. */
class SignalTest {
    @TempDir Path dir;

    @Test
    void sigintMidRunStillWritesTheSummaryAndExits3() throws Exception {
        assertStopsCleanly("INT");
    }

    @Test
    void sigtermMidRunStillWritesTheSummaryAndExits3() throws Exception {
        assertStopsCleanly("TERM");
    }

    private void assertStopsCleanly(String signal) throws Exception {
        Path script = dir.resolve("long.groovy");
        Files.writeString(script, """
                sim { latency 1.ms }
                scenario('long') {
                    user { http.get('/fast') }
                    phases { hold 'steady', rate: 20, for: 5.min }
                }
                """);
        Path results = dir.resolve("results");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A job started in the background inherits SIGINT ignored (and a JVM then leaves it so), as
        // CI runners start tests; a terminal's foreground job has it at its default. The child gets
        // the default back, as a person running barrage in a terminal has it.
        Process p = new ProcessBuilder("python3", "-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])",
                java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "--quiet", "--out", results.toString(), script.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        try {
            long giveUp = System.nanoTime() + 30_000_000_000L;
            while (summaryRequests(results) < 20) {
                assertThat(System.nanoTime()).as("the run writes its first intervals").isLessThan(giveUp);
                assertThat(p.isAlive()).as("the run is alive: " + Files.readString(dir.resolve("out.txt"))).isTrue();
                Thread.sleep(100);
            }
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        String out = Files.readString(dir.resolve("out.txt"));
        assertThat(p.exitValue()).as(out).isEqualTo(3);
        assertThat(out).contains("stopping cleanly").contains("ABORTED in").contains("interrupted by SIG" + signal);
        JsonNode summary = new ObjectMapper().readTree(runDir(results).resolve("summary.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("aborted");
        assertThat(summary.get("exitCode").asInt()).isEqualTo(3);
        assertThat(summary.at("/scenarios/0/total/requests").asLong()).isPositive();
    }

    private static long summaryRequests(Path results) {
        try {
            Path s = runDir(results).resolve("summary.json");
            return Files.exists(s) ? new ObjectMapper().readTree(s.toFile()).at("/scenarios/0/total/requests").asLong() : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private static Path runDir(Path results) throws Exception {
        try (Stream<Path> l = Files.list(results)) {
            return l.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }
}
