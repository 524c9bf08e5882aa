package io.barrage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** barrage profile save|list|show|delete as a user meets them, on a user folder of the test's own. */
class ProfileCommandTest {
    @TempDir Path dir;
    private Path user;

    @BeforeEach
    void ownUserFolder() {
        user = dir.resolve("home-profiles");
        System.setProperty("barrage.profiles", user.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("barrage.profiles");
    }

    static final String PEAK = """
            # a short peak
            description: Ramp to 50/s, hold, down
            tags: [demo, peak]
            phases:
              - ramp: up
                rate: 0..50
                over: 2s
              - hold: peak
                rate: 50
                for: 3s
            guardrails:
              maxDuration: 1m
              abortWhen:
                - errorRate > 20% over 10s
            """;

    @Test
    void aProfileIsSavedListedShownUsedAndDeleted() throws Exception {
        Path file = Files.writeString(dir.resolve("peak.yaml"), PEAK);
        Cli saved = Cli.run("profile", "save", "lunch-peak", file.toString());
        assertThat(saved.exit).as(saved.toString()).isZero();
        assertThat(saved.out).contains("saved profile 'lunch-peak'").contains("lunch-peak.yaml").contains("phases profile('lunch-peak')");
        assertThat(user.resolve("lunch-peak.yaml")).hasContent(PEAK.strip() + "\n");

        Cli again = Cli.run("profile", "save", "lunch-peak", file.toString());
        assertThat(again.exit).isEqualTo(2);
        assertThat(again.err.strip()).startsWith("barrage: profile 'lunch-peak' exists: ").endsWith("(--force replaces it)");
        assertThat(Cli.run("profile", "save", "lunch-peak", file.toString(), "--force").exit).isZero();

        Cli list = Cli.run("profile", "list");
        assertThat(list.exit).isZero();
        assertThat(list.out).containsPattern("lunch-peak +\\S*lunch-peak.yaml +2 phases, 5s, peak 50/s +demo, peak +Ramp to 50/s, hold, down");

        Cli show = Cli.run("profile", "show", "lunch-peak");
        assertThat(show.exit).as(show.toString()).isZero();
        assertThat(show.out).contains("profile lunch-peak — open model, arrivals per second, 5s")
                .contains("ramp 0 → 50 over 2s").contains("hold 50 for 3s")
                .contains("maxDuration 1m").contains("abortWhen errorRate > 20%, over: 10s");

        // a script uses it by name from the user's folder
        Path script = Files.writeString(dir.resolve("uses.groovy"), """
                sim()
                scenario('s') {
                    user { http.get('/x') }
                    phases profile('lunch-peak')
                }
                """);
        Cli plan = Cli.run("plan", script.toString());
        assertThat(plan.exit).as(plan.toString()).isZero();
        assertThat(plan.out).contains("hold 50 for 3s");

        Cli typo = Cli.run("profile", "show", "lunch-paek");
        assertThat(typo.exit).isEqualTo(2);
        assertThat(typo.err).contains("no profile 'lunch-paek'; did you mean 'lunch-peak'?");

        assertThat(Cli.run("profile", "delete", "lunch-peak").exit).isZero();
        assertThat(user.resolve("lunch-peak.yaml")).doesNotExist();
        Cli gone = Cli.run("profile", "delete", "lunch-peak");
        assertThat(gone.exit).isEqualTo(2);
        assertThat(gone.err).contains("no profile 'lunch-peak'");
    }

    @Test
    void aProfileFileWithProblemsIsNotSavedAndItsProblemsAreAtItsLines() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                phases:
                  - hols: steady
                    rate: 10
                    for: 1m
                  - ramp: up
                    rate: 0..10
                    over: soon
                """);
        Cli r = Cli.run("profile", "save", "bad", file.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err.lines().toList()).containsExactly(
                file + ":2:5: 'hols' is not a phase pattern; did you mean 'hold'? (valid: burst, constant, hold, points, ramp, sine, spike, step)",
                file + ":7:5: over: needs a duration such as 30s, 2m or 1h30m, got 'soon'");
        assertThat(user.resolve("bad.yaml")).doesNotExist();

        Path groovy = Files.writeString(dir.resolve("bad.groovy"), "descripton 'typo on the first line'\nphases { hold 'h', rate: 5, for: 1.s }\n");
        Cli g = Cli.run("profile", "save", "bad", groovy.toString());
        assertThat(g.exit).isEqualTo(2);
        assertThat(g.err).contains(groovy + ":1:1: 'descripton' is not a profile word; did you mean 'description'?");
    }
}
