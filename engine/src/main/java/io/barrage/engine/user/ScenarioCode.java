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
 * @param protocols the protocol modules its users reach by name ({@link Vu#client}), each name once
 */
public record ScenarioCode(UserFactory users, Hook setup, Hook teardown, java.util.List<Protocol<?>> protocols) {

    public ScenarioCode {
        protocols = protocols == null ? java.util.List.of() : java.util.List.copyOf(protocols);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Protocol<?> p : protocols) {
            if (!names.add(p.name())) throw new IllegalArgumentException("two protocols are named '" + p.name() + "'");
        }
    }

    /** Code without protocol modules of its own. */
    public ScenarioCode(UserFactory users, Hook setup, Hook teardown) {
        this(users, setup, teardown, java.util.List.of());
    }

    /** The protocol module of that name, or null. */
    public Protocol<?> protocol(String name) {
        for (Protocol<?> p : protocols) if (p.name().equals(name)) return p;
        return null;
    }

    /** Users that all share one stateless flow, without setup or teardown. */
    public static ScenarioCode of(UserFlow flow) {
        return new ScenarioCode(UserFactory.of(flow), null, null);
    }
}
