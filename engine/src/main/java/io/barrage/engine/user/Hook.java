package io.barrage.engine.user;

/**
 * A setup or teardown action of a scenario. Setup runs once before the load and its result becomes
 * the scenario's shared value ({@link Vu#shared()}); teardown runs once after the load with the same
 * value. Calls made by hooks are recorded under the {@code setup}/{@code teardown} phases and are
 * kept out of the load totals.
 */
@FunctionalInterface
public interface Hook {

    Object run(Vu vu) throws Exception;
}
