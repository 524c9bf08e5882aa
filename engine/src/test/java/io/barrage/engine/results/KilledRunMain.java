package io.barrage.engine.results;

import static io.barrage.engine.testing.Plans.holdRate;
import static io.barrage.engine.testing.Plans.ms;
import static io.barrage.engine.testing.Plans.s;
import static io.barrage.engine.testing.Plans.scenario;

import io.barrage.engine.testing.Plans;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunOptions;
import java.nio.file.Path;
import java.util.List;

/** A run in a child JVM that the test kills with SIGKILL. Argument: the results base directory. */
public final class KilledRunMain {
    public static void main(String[] args) throws Exception {
        TestPlan plan = Plans.plan("killed", scenario("api", vu -> {
            long now = vu.clock().nanoTime();
            vu.step("GET /x").record(vu.intendedStart(now), now, now + 2_000_000, null);
        }, holdRate("steady", 200, s(120))));
        Run run = Run.start(plan, RunOptions.defaults().withResultsDir(Path.of(args[0])).withTickInterval(ms(200)));
        run.await();
    }
}
