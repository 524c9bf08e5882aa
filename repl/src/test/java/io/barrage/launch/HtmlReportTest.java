package io.barrage.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.barrage.engine.output.OutputSpec;
import io.barrage.engine.summary.RunSummary;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html of a three-phase run with a fault window, opened in real headless Chromium (Debian's
 * chromium, a fresh profile): the page runs with no error, every chart draws, the tables and events
 * are there, and it makes no request. A screenshot is kept in target/report-screenshot.png.
 */
class HtmlReportTest {
    @TempDir Path dir;

    static final String SCRIPT = """
            sim {
                backends 2
                latency 2.ms..6.ms
                healthCheck false
                at 2.s, down('b2'), lasting: 1.s
            }
            scenario('shop') {
                user { http.get('/items') }
                phases {
                    ramp 'warm-up', rate: 10..60, over: 1.s
                    hold 'steady', rate: 60, for: 2.s
                    ramp 'down', rate: 60..10, over: 1.s
                }
                assertions {
                    p95 < 1.s
                    errorRate < 1.percent
                }
            }
            """;

    static String chromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) if (Files.isExecutable(Path.of(c))) return c;
        return io.barrage.engine.testing.Peers.find("chromium", "chromium");   // installed as .ci/run does, where it can be
    }

    @Test
    void theReportOfAThreePhaseRunWithAFaultDrawsInChromium() throws Exception {
        Path script = Files.writeString(dir.resolve("shop.groovy"), SCRIPT);
        Path results = dir.resolve("results");
        RunSummary summary = new Launcher().launch(LaunchOptions.of(script).withWarmup(Duration.ZERO).withGracefulStop(Duration.ofSeconds(2))
                .withResultsDir(results).withOutputs(List.of(OutputSpec.parse("report"))));
        assertThat(summary.exitCode()).isEqualTo(1);   // the fault window's 502s fail errorRate < 1 %
        Path run;
        try (var runs = Files.list(results)) {
            run = runs.toList().get(0);
        }
        Path report = run.resolve("report.html");
        assertThat(report).exists();
        String html = Files.readString(report);
        // self-contained: no script, style or image from anywhere
        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
        assertThat(html).contains("uPlot");

        String chromium = chromium();
        assumeTrue(chromium != null, "chromium is not installed (.ci/run installs it): skipped");
        List<String> base = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + dir.resolve("profile"),
                "--no-first-run", "--disable-background-networking", "--window-size=1280,2400", "--virtual-time-budget=5000");
        String dom = runChromium(base, "--dump-dom", report.toUri().toString());
        Matcher body = Pattern.compile("<body([^>]*)>").matcher(dom);
        assertThat(body.find()).as(dom.length() > 2000 ? dom.substring(0, 2000) : dom).isTrue();
        String attrs = body.group(1);
        assertThat(attr(attrs, "data-errors")).as("errors on the page").isEmpty();
        int charts = Integer.parseInt(attr(attrs, "data-charts"));
        assertThat(charts).isEqualTo(4);
        assertThat(attr(attrs, "data-drawn")).as("charts with ink; blank: %s", attr(attrs, "data-blank")).isEqualTo(Integer.toString(charts));
        assertThat(dom).contains("Assertions", "errorRate &lt; 1.percent", "✗ failed", "Scenario shop", "Steps", "GET /items", "Phases",
                "warm-up", "steady", "Generator health", "Events", "b2");
        assertThat(dom).containsPattern("Events \\(\\d+\\)");

        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        runChromium(base, "--screenshot=" + shot, report.toUri().toString());
        assertThat(shot).exists();
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(distinctColours(image)).as("a screenshot with charts, not a blank page").isGreaterThan(50);
    }

    static String runChromium(List<String> base, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(base);
        cmd.addAll(List.of(more));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String attr(String attrs, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(attrs);
        return m.find() ? m.group(1) : "(missing)";
    }

    static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) for (int x = 0; x < image.getWidth(); x += 3) colours.add(image.getRGB(x, y));
        return colours.size();
    }
}
