package io.barrage.cli;

import io.barrage.engine.output.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * A REPL command of a test's own, in one file: {@code targets [SCENARIO]} prints each scenario's
 * target now and over the last interval, read through the session's RunControl. Registered by
 * giving its class to the REPL (ReplTest).
 */
@Command(name = "targets", description = "Each scenario's target now and over the last second.")
final class TargetsCommand extends ReplCommands.Base {
    @Parameters(arity = "0..1", paramLabel = "SCENARIO") String scenario;

    @Override
    void act() {
        RunStatus s = repl.steering().run().status();
        for (RunStatus.ScenarioStatus sc : s.scenarios()) {
            if (scenario != null && !scenario.equals(sc.name())) continue;
            repl.say("target " + sc.name() + " " + Fmt.num(sc.target()));
        }
    }
}
