package io.barrage.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.output.OutputSpec;
import io.barrage.engine.summary.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * junit.xml of a run, validated against the two schemas CI servers read JUnit XML by: the strict
 * Ant schema (windyroad JUnit.xsd, Apache-2.0) and Jenkins xunit's junit-10.xsd (MIT), both in
 * src/test/resources/junit.
 */
class JUnitXmlTest {
    @TempDir Path dir;

    static final String SCRIPT = """
            sim { latency 1.ms; errors 30.percent }
            scenario('checkout') {
                user { http.get('/items/7') }
                phases { hold 'steady', rate: 40, for: 1.s }
                assertions {
                    p99 < 2.s
                    errorRate < 0.1.percent
                }
            }
            scenario('browse') {
                user { http.get('/fast') }
                phases { hold 'steady', rate: 20, for: 1.s }
                assertions { errorRate < 50.percent }
            }
            """;

    @Test
    void aRunsVerdictIsJUnitXmlValidUnderTheAntAndTheJenkinsSchemas() throws Exception {
        Path script = Files.writeString(dir.resolve("shop.groovy"), SCRIPT);
        Path results = dir.resolve("results");
        RunSummary summary = new Launcher().launch(LaunchOptions.of(script).withWarmup(Duration.ZERO).withGracefulStop(Duration.ofSeconds(2))
                .withResultsDir(results).withOutputs(List.of(OutputSpec.parse("junit"))));
        assertThat(summary.exitCode()).isEqualTo(1);   // 30 % errors against < 0.1 % (40 calls: never none)
        Path file;
        try (var runs = Files.list(results)) {
            file = runs.toList().get(0).resolve("junit.xml");
        }
        assertThat(file).exists();
        for (String xsd : List.of("junit/windyroad-JUnit.xsd", "junit/jenkins-junit-10.xsd")) {
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(getClass().getClassLoader().getResource(xsd))
                    .newValidator().validate(new StreamSource(file.toFile()));   // throws on anything invalid
        }
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element root = d.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(sum(d, "tests")).isEqualTo(5);      // 2 scenarios + 3 assertions
        assertThat(sum(d, "failures")).isEqualTo(1);
        assertThat(sum(d, "errors")).isZero();
        NodeList failures = d.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        Element failure = (Element) failures.item(0);
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("errorRate < 0.1.percent");
        assertThat(((Element) failure.getParentNode()).getAttribute("classname")).isEqualTo("barrage.shop.checkout");
        assertThat(failure.getAttribute("message")).startsWith("errorRate < 0.1.percent: measured ");
        assertThat(failure.getTextContent()).contains("bound: errorRate < 0.1.percent");
        NodeList suites = d.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        assertThat(((Element) suites.item(0)).getAttribute("name")).isEqualTo("checkout");
        assertThat(d.getElementsByTagName("system-out").item(0).getTextContent()).startsWith("scenario checkout: ").contains(" requests, ");
    }

    @Test
    void anAbortedRunIsAnErrorOfEveryScenario() throws Exception {
        Path script = Files.writeString(dir.resolve("boom.groovy"), """
                sim { latency 1.ms }
                scenario('s') {
                    setup { throw new IllegalStateException('no database') }
                    user { http.get('/fast') }
                    phases { hold 'steady', rate: 10, for: 1.s }
                }
                """);
        Path file = dir.resolve("out/junit.xml");
        RunSummary summary = new Launcher().launch(LaunchOptions.of(script).withWarmup(Duration.ZERO)
                .withOutputs(List.of(OutputSpec.parse("junit:file=" + file))));
        assertThat(summary.exitCode()).isEqualTo(4);
        for (String xsd : List.of("junit/windyroad-JUnit.xsd", "junit/jenkins-junit-10.xsd")) {
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(getClass().getClassLoader().getResource(xsd)).newValidator().validate(new StreamSource(file.toFile()));
        }
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        assertThat(sum(d, "errors")).isEqualTo(1);
        Element error = (Element) d.getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).startsWith("the run " + summary.status());
    }

    static int sum(Document d, String attribute) {
        NodeList suites = d.getElementsByTagName("testsuite");
        int n = 0;
        for (int i = 0; i < suites.getLength(); i++) n += Integer.parseInt(((Element) suites.item(i)).getAttribute(attribute));
        return n;
    }
}
