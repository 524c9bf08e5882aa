package io.barrage.engine.results;

import io.barrage.engine.output.Output;
import io.barrage.engine.output.OutputFactory;
import io.barrage.engine.output.OutputSpec;
import io.barrage.engine.summary.AssertionResult;
import io.barrage.engine.summary.RunSummary;
import io.barrage.engine.summary.ScenarioSummary;
import io.barrage.engine.summary.Stats;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A run's verdict as JUnit XML, for CI: one {@code testsuite} per scenario (and one for the plan's
 * own assertions), one {@code testcase} per assertion — its text the name, a failure saying what
 * was measured — and one per scenario that fails with an {@code error} when the run did not run
 * its plan (aborted, run error). Valid under the strict Ant schema (windyroad JUnit.xsd) and
 * Jenkins' junit-10.xsd at once: timestamps in UTC without a zone, times to the millisecond.
 */
public final class JUnitXml {
    private JUnitXml() {}

    /** {@code junit} or {@code junit:file=PATH} (default: junit.xml in the run's results directory, else here). */
    public static final OutputFactory FACTORY = new OutputFactory() {
        @Override
        public List<String> options() {
            return List.of("file");
        }

        @Override
        public String description() {
            return "the verdict as JUnit XML for CI (file=PATH, default junit.xml in the results directory)";
        }

        @Override
        public void check(OutputSpec spec) {
            String f = spec.option("file", null);
            if (f != null) checkFile("--output junit:file=", Path.of(f));
        }

        @Override
        public Output create(OutputSpec spec, Context context) {
            String f = spec.option("file", null);
            Path file = f != null ? Path.of(f) : context.resultsDir() != null ? context.resultsDir().resolve("junit.xml") : Path.of("junit.xml");
            return new Output() {
                @Override
                public void onEnd(RunSummary summary) {
                    try {
                        write(summary, file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        }
    };

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    /** Refuses a file that cannot be written: one line naming it. */
    public static void checkFile(String option, Path file) {
        if (Files.isDirectory(file)) throw new IllegalArgumentException(option + file + ": it is a directory, not a file");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) ResultsDirectory.prepare(option + file + " (its directory)", parent);
    }

    /** Writes {@code summary} to {@code file} (replaced atomically). */
    public static void write(RunSummary summary, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            write(summary, out);
        }
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes {@code summary} as JUnit XML to {@code out}. */
    public static void write(RunSummary summary, OutputStream out) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            List<Suite> suites = suites(summary);
            // no attributes on testsuites: the Ant schema allows none (each suite carries its counts)
            x.writeStartElement("testsuites");
            String timestamp = timestamp(summary.startedAt());
            String host = host();
            for (int i = 0; i < suites.size(); i++) {
                Suite s = suites.get(i);
                x.writeCharacters("\n  ");
                x.writeStartElement("testsuite");
                x.writeAttribute("package", "barrage." + summary.name());
                x.writeAttribute("id", Integer.toString(i));
                x.writeAttribute("name", s.name);
                x.writeAttribute("timestamp", timestamp);
                x.writeAttribute("hostname", host);
                x.writeAttribute("tests", Integer.toString(s.cases.size()));
                x.writeAttribute("failures", Integer.toString(s.failures()));
                x.writeAttribute("errors", Integer.toString(s.errors()));
                x.writeAttribute("skipped", "0");
                x.writeAttribute("time", seconds(summary.durationSeconds()));
                x.writeCharacters("\n    ");
                x.writeStartElement("properties");
                for (Map.Entry<String, String> p : s.properties.entrySet()) {
                    x.writeCharacters("\n      ");
                    x.writeEmptyElement("property");
                    x.writeAttribute("name", p.getKey());
                    x.writeAttribute("value", p.getValue());
                }
                x.writeCharacters("\n    ");
                x.writeEndElement();
                for (Case c : s.cases) {
                    x.writeCharacters("\n    ");
                    if (c.problem == null) {
                        x.writeEmptyElement("testcase");
                        caseAttributes(x, c, s, summary);
                    } else {
                        x.writeStartElement("testcase");
                        caseAttributes(x, c, s, summary);
                        x.writeCharacters("\n      ");
                        x.writeStartElement(c.error ? "error" : "failure");
                        x.writeAttribute("message", c.problem);
                        x.writeAttribute("type", c.error ? "barrage.RunNotCompleted" : "barrage.AssertionFailed");
                        x.writeCharacters(c.detail);
                        x.writeEndElement();
                        x.writeCharacters("\n    ");
                        x.writeEndElement();
                    }
                }
                x.writeCharacters("\n    ");
                x.writeStartElement("system-out");
                x.writeCharacters(s.out);
                x.writeEndElement();
                x.writeCharacters("\n    ");
                x.writeStartElement("system-err");
                x.writeCharacters(String.join("\n", summary.warnings()));
                x.writeEndElement();
                x.writeCharacters("\n  ");
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IOException("junit.xml: " + e.getMessage(), e);
        }
    }

    private static void caseAttributes(XMLStreamWriter x, Case c, Suite s, RunSummary summary) throws XMLStreamException {
        x.writeAttribute("name", c.name);
        x.writeAttribute("classname", "barrage." + summary.name() + "." + s.name);
        x.writeAttribute("time", seconds(c.seconds));
    }

    private record Case(String name, double seconds, String problem, String detail, boolean error) {}

    private static final class Suite {
        final String name;
        final Map<String, String> properties = new LinkedHashMap<>();
        final List<Case> cases = new ArrayList<>();
        String out = "";

        Suite(String name) {
            this.name = name;
        }

        int failures() {
            return (int) cases.stream().filter(c -> c.problem != null && !c.error).count();
        }

        int errors() {
            return (int) cases.stream().filter(c -> c.error).count();
        }
    }

    private static List<Suite> suites(RunSummary summary) {
        boolean ranPlan = summary.exitCode() == RunSummary.EXIT_PASSED || summary.exitCode() == RunSummary.EXIT_FAILED;
        List<Suite> suites = new ArrayList<>();
        for (ScenarioSummary sc : summary.scenarios()) {
            Suite s = new Suite(sc.name());
            s.properties.put("barrage", summary.barrage());
            s.properties.put("status", summary.status());
            s.properties.put("exitCode", Integer.toString(summary.exitCode()));
            s.properties.put("model", sc.model());
            sc.info().forEach((k, v) -> s.properties.put(k, v));
            Stats t = sc.total();
            String line = String.format(Locale.ROOT, "%d requests, %.1f/s, errors %.3f%%, p95 %s, p99 %s%s%s",
                    t.requests(), t.rate(), t.errorRate() * 100, ms(t.latency() == null ? null : t.latency().p95()),
                    ms(t.latency() == null ? null : t.latency().p99()),
                    sc.achieved() == null ? "" : String.format(Locale.ROOT, ", achieved %.1f%%", sc.achieved() * 100),
                    sc.dropped() > 0 ? ", dropped " + sc.dropped() : "");
            s.out = "scenario " + sc.name() + ": " + line;
            s.cases.add(ranPlan
                    ? new Case("scenario " + sc.name() + " ran its plan", summary.durationSeconds(), null, null, false)
                    : new Case("scenario " + sc.name() + " ran its plan", summary.durationSeconds(),
                            "the run " + summary.status() + (summary.reason() == null ? "" : ": " + summary.reason()), line, true));
            suites.add(s);
        }
        Suite plan = null;
        if (!ranPlan && suites.isEmpty()) {
            plan = new Suite(summary.name());
            plan.properties.put("barrage", summary.barrage());
            plan.properties.put("status", summary.status());
            plan.cases.add(new Case("plan " + summary.name() + " ran", summary.durationSeconds(),
                    "the run " + summary.status() + (summary.reason() == null ? "" : ": " + summary.reason()), String.join("\n", summary.warnings()), true));
            suites.add(plan);
        }
        for (AssertionResult a : summary.assertions()) {
            Suite s = a.scenario() == null ? null : suites.stream().filter(x -> x.name.equals(a.scenario())).findFirst().orElse(null);
            if (s == null) {
                if (plan == null) {
                    plan = new Suite(summary.name());
                    plan.properties.put("barrage", summary.barrage());
                    plan.properties.put("status", summary.status());
                    suites.add(plan);
                }
                s = plan;
            }
            String measured = "measured " + a.actual();
            s.cases.add(a.passed()
                    ? new Case(a.text(), 0, null, null, false)
                    : new Case(a.text(), 0, a.text() + ": " + measured, measured + (a.value() == null ? "" : " (" + a.value() + ")") + "; bound: " + a.text(), false));
        }
        return suites;
    }

    private static String ms(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.2fms", v);
    }

    /** Seconds to the millisecond: junit-10.xsd allows three decimals at most. */
    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, s));
    }

    /** The run's start in UTC, without a zone (the Ant schema refuses one). */
    static String timestamp(String startedAt) {
        try {
            return STAMP.format(LocalDateTime.ofInstant(Instant.parse(startedAt), ZoneOffset.UTC));
        } catch (RuntimeException e) {
            return STAMP.format(LocalDateTime.now(ZoneOffset.UTC));
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
