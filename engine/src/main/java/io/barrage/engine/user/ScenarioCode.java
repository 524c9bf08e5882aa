package io.barrage.engine.user;

/**
 * The code of one scenario, bound to its data record ({@code model.Scenario}) by name when a run
 * starts: what each virtual user does, and the setup and teardown around the load. The plan's
 * records stay data (they validate, describe and draw without running anything); this is the
 * runtime behaviour the executors call.
 *
 * @param users    creates each virtual user's flow, or null when the script gave none
 * @param setup    runs once before the load; its result is the shared value, or null
 * @param teardown runs once after the load, or null
 */
public record ScenarioCode(UserFactory users, Hook setup, Hook teardown) {

    /** Users that all share one stateless flow, without setup or teardown. */
    public static ScenarioCode of(UserFlow flow) {
        return new ScenarioCode(UserFactory.of(flow), null, null);
    }
}
