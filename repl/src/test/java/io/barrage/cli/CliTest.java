package io.barrage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console as a user meets it: exit codes, one-line errors, summaries and results. */
class CliTest {
    @TempDir Path dir;

    Path script(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static final String SHORT = """
            sim { latency 1.ms }
            int rate = param('rate', 20)
            scenario('short') {
                user { http.get('/items/7') { expect status: 200 } }
                phases { hold 'steady', rate: rate, for: 1.s }
                assertions {
                    p99 < 2.s
                    errorRate < 1.percent
                }
            }
            """;

    @Test
    void aPassingRunPrintsASummaryWritesResultsAndExits0() throws Exception {
        Path s = script("short.groovy", SHORT);
        Cli r = Cli.run("run", "--quiet", "--out", dir.resolve("results").toString(), s.toString(), "-p", "rate=30");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("scenario short — open model, built-in simulated service, http client lean")
                .contains("GET /items/{id}").contains("✓ p99 < 2.s").contains("✓ errorRate < 1.percent")
                .contains("PASSED in");
        Path runDir;
        try (Stream<Path> l = Files.list(dir.resolve("results"))) {
            runDir = l.findFirst().orElseThrow();
        }
        JsonNode summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("passed");
        assertThat(summary.at("/scenarios/0/total/requests").asLong()).isEqualTo(30);
        assertThat(summary.at("/info/params").asText()).isEqualTo("rate=30");
        assertThat(runDir.resolve("intervals.hlog")).isNotEmptyFile();
        assertThat(runDir.resolve("events.jsonl")).isNotEmptyFile();
    }

    @Test
    void everyCommandHasTheHelpItsUsageErrorsPointTo() {
        for (String command : List.of("run", "capacity", "repl", "attach", "validate", "plan", "sim")) {
            Cli r = Cli.run(command, "--help");
            assertThat(r.exit).as(r.toString()).isZero();
            assertThat(r.out).as(command).startsWith("Usage: barrage " + command);
        }
        Cli wrong = Cli.run("run", "--bogus");
        assertThat(wrong.exit).isEqualTo(2);
        assertThat(wrong.err).contains("see 'barrage run --help'");
        assertThat(Cli.run("run", "-h").out).contains("-h, --help");
    }

    @Test
    void aFailedAssertionExits1() throws Exception {
        Path s = script("fail.groovy", SHORT.replace("p99 < 2.s", "p99 < 1.us"));
        Cli r = Cli.run("run", "--quiet", "--no-results", s.toString());
        assertThat(r.exit).as(r.toString()).isEqualTo(1);
        assertThat(r.out).contains("✗ p99 < 1.us").contains("FAILED in").contains("1 of 2 assertions failed (exit 1)");
    }

    @Test
    void aScriptWithErrorsExits2WithOneLinePerProblemAndNoStackTrace() throws Exception {
        Path s = script("typo.groovy", """
                scenario('t') {
                    user { http.get('/') }
                    phases { hols 'steady', rate: -5, for: 1.s }
                }
                """);
        Cli r = Cli.run("run", s.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err.strip()).isEqualTo(s + ":3:14: 'hols' is not a phase pattern; did you mean 'hold'? "
                + "(valid: burst, constant, expr, hold, points, ramp, sine, spike, step)");
        assertThat(r.out).isEmpty();
    }

    @Test
    void aNegativeRateIsOneClearLine() throws Exception {
        Path s = script("negative.groovy", SHORT.replace("rate: rate", "rate: -5"));
        Cli r = Cli.run("validate", s.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err.strip()).isEqualTo(s + ":5:29: phase 'steady': rate must be ≥ 0, got -5");
    }

    @Test
    void validateListsEveryScriptAndItsProblems() throws Exception {
        Path good = script("good.groovy", SHORT);
        Path bad = script("bad.groovy", SHORT.replace("1.s }", "1.s, ovr: 2.s }"));
        Cli r = Cli.run("validate", good.toString(), bad.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.out).contains("✓ " + good + ": short (open, 1 phase, 1s, 2 assertions)").contains("1 of 2 scripts valid");
        assertThat(r.err).contains(bad + ":5:51: 'ovr' is not a setting of hold; did you mean 'for'? (valid: for, rate, users)");
    }

    @Test
    void aBadParameterValueIsOneLineNamingTheParameterAndWhatItAccepts() throws Exception {
        Path s = script("p.groovy", SHORT);
        Object[][] cases = {
                {"rate=fast", "-p rate=fast: rate is a whole number (from param('rate', 20) at " + s + ":2), not 'fast'"},
                {"rate=99999999999", "-p rate=99999999999: rate is a whole number (from param('rate', 20) at " + s + ":2) and 99999999999 is out of range (at most 2147483647)"},
                {"rate=", "-p rate=: rate is a whole number (from param('rate', 20) at " + s + ":2) and the value is empty"},
                {"rate", "barrage: -p rate: a parameter is NAME=VALUE"},
                {"=5", "barrage: -p =5: a parameter is NAME=VALUE, and the name is missing"},
        };
        for (String command : List.of("run", "validate", "plan", "capacity")) {
            for (Object[] c : cases) {
                Cli r = Cli.run(command, s.toString(), "-p", (String) c[0]);
                assertThat(r.exit).as(command + " " + r).isEqualTo(2);
                assertThat(r.err.strip()).as(command).isEqualTo(c[1]);
                assertThat(r.out).as(command).isEmpty();
            }
        }
        Cli noValue = Cli.run("run", s.toString(), "-p");
        assertThat(noValue.exit).isEqualTo(2);
        assertThat(noValue.err.strip()).isEqualTo("barrage: -p needs a parameter: -p NAME=VALUE");
        Path required = script("required.groovy", SHORT.replace("int rate = param('rate', 20)", "String env = param('env')\nint rate = 5"));
        Cli missing = Cli.run("validate", required.toString());
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err.strip()).isEqualTo(required + ":2:1: parameter env is required (param('env')): run with -p env=VALUE");
        Cli empty = Cli.run("validate", required.toString(), "-p", "env=");
        assertThat(empty.err.strip()).isEqualTo("-p env=: env is a required parameter (param('env') at " + required + ":2) and the value is empty");
    }

    @Test
    void aParameterTheScriptDoesNotNameIsAnErrorWithTheClosestNameBeforeAnythingRuns() throws Exception {
        Path s = script("p.groovy", SHORT);
        for (String command : List.of("run", "validate", "plan", "capacity")) {
            Cli typo = Cli.run(command, s.toString(), "-p", "rat=500");
            assertThat(typo.exit).as(command + " " + typo).isEqualTo(2);
            assertThat(typo.err.strip()).as(command).isEqualTo("-p rat=500: " + s + " has no parameter 'rat'; did you mean 'rate'? (its parameters: rate)");
            assertThat(typo.out).as(command).isEmpty();
            Cli unknown = Cli.run(command, s.toString(), "-p", "nosuch=5");
            assertThat(unknown.exit).as(command + " " + unknown).isEqualTo(2);
            assertThat(unknown.err.strip()).as(command).isEqualTo("-p nosuch=5: " + s + " has no parameter 'nosuch' (its parameters: rate)");
        }
        Path none = script("none.groovy", SHORT.replace("int rate = param('rate', 20)", "int rate = 20"));
        assertThat(Cli.run("validate", none.toString(), "-p", "rate=5").err.strip())
                .isEqualTo("-p rate=5: " + none + " has no parameter 'rate' (it reads none)");
    }

    @Test
    void aParameterTheScriptReadsOnlyOnAnotherPathIsKnownAndItsValueSaidToHaveNoEffect() throws Exception {
        Path s = script("cond.groovy", SHORT.replace("int rate = param('rate', 20)",
                "String env = param('env', 'staging')\nint rate = env == 'prod' ? param('prodRate', 50) : param('stagingRate', 20)"));
        Cli other = Cli.run("validate", s.toString(), "-p", "prodRate=10");
        assertThat(other.exit).as(other.toString()).isZero();
        assertThat(other.out).contains("  ! -p prodRate=10 had no effect: " + s + " reads prodRate only on a path this run did not take");
        Cli prod = Cli.run("validate", s.toString(), "-p", "env=prod", "-p", "prodRate=10");
        assertThat(prod.exit).as(prod.toString()).isZero();
        assertThat(prod.out).doesNotContain("!");
        Cli typo = Cli.run("validate", s.toString(), "-p", "prodRat=10");
        assertThat(typo.exit).isEqualTo(2);
        assertThat(typo.err.strip()).isEqualTo("-p prodRat=10: " + s + " has no parameter 'prodRat'; did you mean 'prodRate'? (its parameters: env, prodRate, stagingRate)");
    }

    @Test
    void validatingSeveralScriptsTakesAParameterAnyOfThemNames() throws Exception {
        Path a = script("a.groovy", SHORT);
        Path b = script("b.groovy", SHORT.replace("int rate = param('rate', 20)", "int rate = param('users', 20)"));
        Cli both = Cli.run("validate", a.toString(), b.toString(), "-p", "rate=5", "-p", "users=3");
        assertThat(both.exit).as(both.toString()).isZero();
        assertThat(both.out).contains("2 of 2 scripts valid").doesNotContain("!");
        Cli typo = Cli.run("validate", a.toString(), b.toString(), "-p", "rat=5");
        assertThat(typo.exit).isEqualTo(2);
        assertThat(typo.err).contains("-p rat=5: " + a + " has no parameter 'rat'; did you mean 'rate'? (its parameters: rate)")
                .contains("-p rat=5: " + b + " has no parameter 'rat' (its parameters: users)");
    }

    @Test
    void anOutThatIsAFileOrUnderOneIsOneLineBeforeAnythingRuns() throws Exception {
        Path s = script("short.groovy", SHORT);
        Path file = Files.writeString(dir.resolve("afile"), "not a directory");
        for (String command : List.of("run", "capacity")) {
            Cli r = Cli.run(command, s.toString(), "--out", file.toString());
            assertThat(r.exit).as(command + " " + r).isEqualTo(2);
            assertThat(r.err.strip()).as(command).isEqualTo("barrage: --out " + file + ": it is a file, not a directory");
            assertThat(r.out).as(command).isEmpty();
            Cli under = Cli.run(command, s.toString(), "--out", file.resolve("sub").toString());
            assertThat(under.exit).as(command + " " + under).isEqualTo(2);
            assertThat(under.err.strip()).as(command).isEqualTo("barrage: --out " + file.resolve("sub") + ": " + file + " is a file, not a directory");
            assertThat(under.out).as(command).isEmpty();
        }
        Cli empty = Cli.run("run", s.toString(), "--out", "");
        assertThat(empty.exit).isEqualTo(2);
        assertThat(empty.err.strip()).isEqualTo("barrage: --out needs a directory");
        Cli ignored = Cli.run("run", "--quiet", "--no-results", s.toString(), "--out", file.toString(), "-p", "rate=5");
        assertThat(ignored.exit).as(ignored.toString()).isZero();
        Cli made = Cli.run("run", "--quiet", s.toString(), "--out", dir.resolve("new/results").toString(), "-p", "rate=5");
        assertThat(made.exit).as(made.toString()).isZero();
        try (Stream<Path> l = Files.list(dir.resolve("new/results"))) {
            assertThat(l.map(p -> p.getFileName().toString()).toList()).singleElement().asString().startsWith("short-");
        }
    }

    @Test
    void anOutThatCannotBeCreatedOrWrittenIsOneLineBeforeAnythingRuns() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root writes anywhere");
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path s = script("short.groovy", SHORT);
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Cli in = Cli.run("run", s.toString(), "--out", locked.toString());
            assertThat(in.exit).as(in.toString()).isEqualTo(2);
            assertThat(in.err.strip()).isEqualTo("barrage: --out " + locked + ": cannot write in it (permission denied)");
            assertThat(in.out).isEmpty();
            Cli under = Cli.run("run", s.toString(), "--out", locked.resolve("results").toString());
            assertThat(under.exit).as(under.toString()).isEqualTo(2);
            assertThat(under.err.strip()).isEqualTo("barrage: --out " + locked.resolve("results") + ": cannot create it (permission denied)");
        } finally {
            Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void loopsChooseWhatCarriesTheUsersAndTheSummarySaysWhich() throws Exception {
        Path s = script("short.groovy", SHORT);
        Cli two = Cli.run("run", "--quiet", "--no-results", "--loops", "2", s.toString(), "-p", "rate=10");
        assertThat(two.exit).as(two.toString()).isZero();
        if (io.barrage.engine.loop.EventLoops.unavailable() == null) {
            assertThat(two.out).contains(" s · 2 event loops\n");
        } else {
            assertThat(two.out).contains("the JDK's virtual-thread scheduler (event loops unavailable: ");
        }
        Cli off = Cli.run("run", "--quiet", "--no-results", "--loops", "off", s.toString(), "-p", "rate=10");
        assertThat(off.exit).as(off.toString()).isZero();
        assertThat(off.out).contains(" s · the JDK's virtual-thread scheduler (event loops turned off)\n");
        Cli bad = Cli.run("run", "--loops", "many", s.toString());
        assertThat(bad.exit).isEqualTo(2);
        assertThat(bad.err.strip()).isEqualTo("barrage: --loops must be auto, off or a number from 1 to 1024, not 'many'");
    }

    @Test
    void httpClientChoosesTheClientForEveryScenario() throws Exception {
        Path s = script("short.groovy", SHORT);
        Cli r = Cli.run("run", "--quiet", "--no-results", "--http-client", "okhttp", s.toString(), "-p", "rate=10");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("built-in simulated service, http client okhttp");
        Cli bad = Cli.run("run", "--http-client", "curl", s.toString());
        assertThat(bad.exit).isEqualTo(2);
        assertThat(bad.err.strip()).isEqualTo("barrage: --http-client must be lean or okhttp, not 'curl'");
    }

    @Test
    void anUnknownOutputExits2WithOneLineBeforeAnythingRuns() throws Exception {
        Path s = script("short.groovy", SHORT);
        Path results = dir.resolve("results");
        Cli unknown = Cli.run("run", "--quiet", "--out", results.toString(), "--output", "graphite:host=127.0.0.1", s.toString());
        assertThat(unknown.exit).isEqualTo(2);
        assertThat(unknown.err.strip()).isEqualTo("barrage: unknown output 'graphite' (known: results, prometheus, remote-write, pushgateway, junit, report, dashboard, console)");
        assertThat(unknown.out).isEmpty();
        assertThat(results).doesNotExist();
        Cli malformed = Cli.run("run", "--output", "Junit", s.toString());
        assertThat(malformed.exit).isEqualTo(2);
        assertThat(malformed.err.strip())
                .isEqualTo("barrage: output 'Junit': the name must be lower-case letters, digits and '-', as NAME or NAME:key=value,...");
        Cli help = Cli.run("run", "--help");
        assertThat(help.out).contains("--output=NAME[:key=value,...]");
    }

    @Test
    void theConsoleAndTheResultsDirectoryAreOutputsByName() throws Exception {
        Path s = script("short.groovy", SHORT);
        Path results = dir.resolve("named");
        Cli r = Cli.run("run", "--output", "console:progress=off", "--output", "results:dir=" + results, s.toString(), "-p", "rate=10");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).doesNotContain("rate 10/s →");   // no progress lines, which the default console prints
        Path longer = script("longer.groovy", SHORT.replace("for: 1.s", "for: 3.s"));   // progress lines need whole seconds before the end
        assertThat(Cli.run("run", "--no-results", longer.toString(), "-p", "rate=10").out).contains("rate 10/s →");
        assertThat(r.out).contains("results: " + results.resolve("short-"));
        try (var runs = Files.list(results)) {
            assertThat(runs.toList()).singleElement().satisfies(run -> assertThat(run.resolve("summary.json")).exists());
        }
        Cli both = Cli.run("run", "--no-results", "--output", "results", s.toString());
        assertThat(both.exit).isEqualTo(2);
        assertThat(both.err.strip()).isEqualTo("barrage: --no-results and --output results contradict each other: give one");
        Cli badSetting = Cli.run("run", "--output", "console:progress=maybe", s.toString());
        assertThat(badSetting.exit).isEqualTo(2);
        assertThat(badSetting.err.strip()).isEqualTo("barrage: output console: progress must be on or off, not 'maybe'");
    }

    @Test
    void aPrometheusPortInUseOrABadLabelIsOneLineAndExit2() throws Exception {
        Path s = script("short.groovy", SHORT);
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Cli busy = Cli.run("run", "--no-results", "--warmup", "0", "--prometheus", "127.0.0.1:" + taken.getLocalPort(), s.toString());
            assertThat(busy.exit).as(busy.toString()).isEqualTo(2);
            assertThat(busy.err.strip()).startsWith("barrage: output prometheus: cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (");
            assertThat(busy.err.strip().lines()).hasSize(1);
        }
        Cli bad = Cli.run("run", "--prometheus", "localhost:http", s.toString());
        assertThat(bad.exit).isEqualTo(2);
        assertThat(bad.err.strip()).isEqualTo("barrage: --prometheus 'localhost:http' is not [HOST:]PORT, such as 7070 or 127.0.0.1:7070");
        Cli label = Cli.run("run", "--label", "step=x", s.toString());
        assertThat(label.exit).isEqualTo(2);
        assertThat(label.err.strip()).isEqualTo("barrage: label 'step' is one barrage's series use themselves: choose another name");
        Cli twice = Cli.run("run", "--experiment", "a", "--label", "experiment=b", s.toString());
        assertThat(twice.exit).isEqualTo(2);
        assertThat(twice.err.strip()).isEqualTo("barrage: label 'experiment' is given twice (--experiment sets it)");
    }

    @Test
    void aRunWritesReportHtmlAndReportRebuildsItFromTheResultsDirectory() throws Exception {
        Path s = script("short.groovy", SHORT);
        Path results = dir.resolve("results");
        Cli r = Cli.run("run", "-q", "--out", results.toString(), s.toString(), "-p", "rate=10");
        assertThat(r.exit).as(r.toString()).isZero();
        Path run;
        try (var runs = Files.list(results)) {
            run = runs.toList().get(0);
        }
        assertThat(run.resolve("report.html")).exists();
        Files.delete(run.resolve("report.html"));
        Cli again = Cli.run("report", run.toString(), "--junit", dir.resolve("j/junit.xml").toString());
        assertThat(again.exit).as(again.toString()).isZero();
        assertThat(again.out).contains("report: " + run.resolve("report.html"));
        assertThat(Files.readString(run.resolve("report.html"))).contains("uPlot", "\"name\":\"short\"");
        assertThat(dir.resolve("j/junit.xml")).exists();
        Cli none = Cli.run("run", "-q", "--no-report", "--out", dir.resolve("r2").toString(), s.toString(), "-p", "rate=10");
        assertThat(none.exit).isZero();
        try (var runs = Files.list(dir.resolve("r2"))) {
            assertThat(runs.toList().get(0).resolve("report.html")).doesNotExist();
        }
        Cli notRun = Cli.run("report", results.toString());
        assertThat(notRun.exit).isEqualTo(2);
        assertThat(notRun.err.strip()).isEqualTo("barrage: report " + results + ": no summary.json in it (is it a run's results directory? runs are its subdirectories)");
    }

    @Test
    void compareFlagsAThirtyPercentSlowerStepAsARegressionWithExit1AndARerunAsNoRegression() throws Exception {
        Path s = script("cmp.groovy", """
                def lat = param('lat', 10.ms)
                sim { route '/step', latency: lat }
                scenario('cmp') {
                    user { http.get('/step') }
                    phases { hold 'steady', rate: 200, for: 4.s }
                }
                """);
        Path base = onlyRun(Cli.run("run", "-q", "--no-report", "--out", dir.resolve("base").toString(), s.toString()), dir.resolve("base"));
        Path rerun = onlyRun(Cli.run("run", "-q", "--no-report", "--out", dir.resolve("rerun").toString(), s.toString()), dir.resolve("rerun"));
        Path slower = onlyRun(Cli.run("run", "-q", "--no-report", "--out", dir.resolve("slower").toString(), s.toString(), "-p", "lat=13ms"), dir.resolve("slower"));

        Cli regression = Cli.run("compare", base.toString(), slower.toString());
        assertThat(regression.exit).as(regression.toString()).isEqualTo(1);
        assertThat(regression.out).containsPattern("cmp +step GET /step +p50 .* regression\n").contains("verdict: REGRESSION");
        Cli same = Cli.run("compare", base.toString(), rerun.toString());
        assertThat(same.exit).as(same.toString()).isZero();
        assertThat(same.out).containsPattern("cmp +step GET /step +p50 .* no change\n");
        Cli md = Cli.run("compare", "--format", "markdown", base.toString(), slower.toString());
        assertThat(md.exit).isEqualTo(1);
        assertThat(md.out).startsWith("### barrage compare: **regression**").contains("| cmp | step GET /step | p50 |");
        Cli bad = Cli.run("compare", "--tolerance", "p90=5%", base.toString(), slower.toString());
        assertThat(bad.exit).isEqualTo(2);
        assertThat(bad.err.strip()).isEqualTo("barrage: --tolerance: unknown tolerance 'p90' (known: p50, p95, p99, throughput, errors)");
        Cli notRun = Cli.run("compare", dir.resolve("base").toString(), slower.toString());
        assertThat(notRun.exit).isEqualTo(2);
        assertThat(notRun.err.strip()).startsWith("barrage: compare BASE " + dir.resolve("base") + ": no summary.json in it");
    }

    static Path onlyRun(Cli r, Path results) throws Exception {
        assertThat(r.exit).as(r.toString()).isZero();
        try (var runs = Files.list(results)) {
            return runs.toList().get(0);
        }
    }

    @Test
    void usageErrorsExit2WithSuggestions() {
        Cli unknownOption = Cli.run("run", "--quite", "x.groovy");
        assertThat(unknownOption.exit).isEqualTo(2);
        assertThat(unknownOption.err).contains("barrage: Unknown option: '--quite'").contains("--quiet");
        Cli unknownCommand = Cli.run("rnu");
        assertThat(unknownCommand.exit).isEqualTo(2);
        assertThat(unknownCommand.err).contains("barrage: 'rnu' is not a command; did you mean 'run'?");
        Cli missing = Cli.run("run", "nowhere.groovy");
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err.strip()).isEqualTo("barrage: no such script: nowhere.groovy");
        Cli badSegment = Cli.run("run", "--segment", "3/2", "nowhere.groovy");
        assertThat(badSegment.err.strip()).isEqualTo("barrage: segment must be i/N with 0 ≤ i < N, got 3/2");
    }

    @Test
    void theControlApiRefusesANonLoopbackAddressWithoutATokenOfYourOwn() throws Exception {
        Path s = script("short.groovy", SHORT);
        Cli open = Cli.run("run", "--quiet", "--no-results", "--control", "0.0.0.0:0", s.toString());
        assertThat(open.exit).as(open.toString()).isEqualTo(2);
        assertThat(open.err).contains("barrage: the control API binds 0.0.0.0, which is not loopback: give it a token of your own with --token or BARRAGE_TOKEN");
        Cli bad = Cli.run("run", "--control", "seven", s.toString());
        assertThat(bad.exit).isEqualTo(2);
        assertThat(bad.err.strip()).isEqualTo("barrage: --control 'seven' is not [HOST:]PORT, such as 7070 or 127.0.0.1:7070");
        Cli ok = Cli.run("run", "--quiet", "--no-results", "--control", "0", s.toString(), "-p", "rate=5");
        assertThat(ok.exit).as(ok.toString()).isZero();
        assertThat(ok.out).containsPattern("control API on http://127\\.0\\.0\\.1:\\d+ · token [0-9a-f]{48} · barrage attach http://127\\.0\\.0\\.1:\\d+ --token [0-9a-f]{48}");
    }

    @Test
    void attachNeedsATokenAndARunToReach() {
        Cli none = Cli.run("attach", "http://127.0.0.1:9");
        assertThat(none.exit).isEqualTo(2);
        Cli away = Cli.run("attach", "http://127.0.0.1:9", "--token", "x".repeat(20));
        assertThat(away.exit).isEqualTo(2);
        assertThat(away.err.strip()).isEqualTo("barrage: cannot reach http://127.0.0.1:9: nothing listens there (has the run ended?)");
        Cli url = Cli.run("attach", "localhost:7070", "--token", "x".repeat(20));
        assertThat(url.err.strip()).isEqualTo("barrage: 'localhost:7070' is not the control API's URL, such as http://127.0.0.1:7070");
    }

    @Test
    void badSimOptionsAreOneLineAndExit2() {
        Object[][] cases = {
                {new String[] {"sim", "--backends", "0"}, "barrage: backends must be 1..64, got 0"},
                {new String[] {"sim", "--balancer", "fastest"}, "barrage: balancer 'fastest' is not one of round-robin, random, least-connections, weighted, hash"},
                {new String[] {"sim", "--latency", "soon"}, "barrage: latency 'soon': 'soon' is not a duration (examples: 250ms, 10s, 2m, 1h30m)"},
                {new String[] {"sim", "--latency", "normal(5ms)"}, "barrage: latency 'normal(5ms)' is not one of 5ms, 5ms..20ms, normal(20ms,5ms), lognormal(20ms,0.5), optionally with a tail such as +1%:300ms"},
                {new String[] {"sim", "--backends", "2", "--fault", "down:b9"}, "barrage: fault 'down b9' names backend 'b9'; the backends are b1, b2"},
                {new String[] {"sim", "--fault", "melt:b1"}, "barrage: fault 'melt' is not one of down, hang, partition, slow, errors"},
                {new String[] {"sim", "--backends", "3", "--weights", "1,2"}, "barrage: --weights is for --balancer weighted only"},
        };
        for (Object[] c : cases) {
            Cli r = Cli.run((String[]) c[0]);
            assertThat(r.exit).as(r.toString()).isEqualTo(2);
            assertThat(r.err.strip()).isEqualTo(c[1]);
        }
    }

    @Test
    void capacityNeedsCriteriaAndAScenarioItCanTellApart() throws Exception {
        Path none = script("nocriteria.groovy", """
                sim()
                scenario('s') {
                    user { http.get('/fast') }
                    phases { hold 'h', rate: 10, for: 1.s }
                }
                """);
        Cli r = Cli.run("capacity", none.toString());
        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.err).contains("capacity search needs criteria: add assertions { p99 < 300.ms; errorRate < 1.percent } or capacity { until { ... } }");
        Path two = script("two.groovy", """
                sim()
                scenario('a') { user { http.get('/fast') }; phases { hold 'h', rate: 10, for: 1.s } }
                scenario('b') { user { http.get('/fast') }; phases { hold 'h', rate: 10, for: 1.s } }
                """);
        Cli t = Cli.run("capacity", two.toString());
        assertThat(t.exit).isEqualTo(2);
        assertThat(t.err).contains("has 2 scenarios: name one with --scenario (a, b)");
        Cli bad = Cli.run("capacity", "--growth", "1", "--scenario", "a", two.toString());
        assertThat(bad.exit).isEqualTo(2);
        assertThat(bad.err).contains("capacity search grows the load ×1.05..×10 per step, got ×1.0");
    }

    @Test
    void planDrawsTheLoadWithItsPhases() throws Exception {
        Path s = script("plan.groovy", """
                scenario('shape') {
                    target 'http://127.0.0.1:9'
                    user { }
                    phases {
                        ramp 'up', rate: 0..100, over: 10.s
                        hold 'top', rate: 100, for: 20.s
                        spike 'peak', rate: 300, for: 5.s
                    }
                }
                """);
        Cli r = Cli.run("plan", s.toString(), "--width", "40");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("scenario shape — open model, arrivals per second, 35s")
                .contains("300 ┤").contains("█").contains("up").contains("top").contains("peak")
                .contains("ramp 0 → 100 over 10s").contains("≈ 4 000 arrivals in all, peak 300/s");
    }

    @Test
    void simRefusesBadSettings() {
        Cli r = Cli.run("sim", "--latency", "20ms..5ms");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err.strip()).isEqualTo("barrage: latency '20ms..5ms': latency must be a range min..max with 0 ≤ min ≤ max");
        Cli e = Cli.run("sim", "--errors", "lots");
        assertThat(e.err.strip()).isEqualTo("barrage: --errors 'lots' is not a percentage such as 1%");
    }

    @Test
    void everyExampleInScenariosValidates() throws Exception {
        Path scenarios = Path.of("..", "scenarios");
        String[] files;
        try (Stream<Path> l = Files.list(scenarios)) {
            files = l.filter(p -> p.toString().endsWith(".groovy") || p.toString().endsWith(".java"))
                    .map(Path::toString).sorted().toArray(String[]::new);
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        String[] args = new String[files.length + 1];
        args[0] = "validate";
        System.arraycopy(files, 0, args, 1, files.length);
        Cli r = Cli.run(args);
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains(files.length + " of " + files.length + " scripts valid");
    }

    @Test
    void theJavaApiScenarioRuns() throws Exception {
        Cli r = Cli.run("run", "--quiet", "--no-results", "../scenarios/JavaApi.java", "-p", "rate=20", "-p", "seconds=1");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("scenario java-api").contains("GET /items/{id}").contains("PASSED");
    }
}
