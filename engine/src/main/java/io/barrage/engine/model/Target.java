package io.barrage.engine.model;

import java.util.function.Consumer;

/**
 * A plan resource that is the load's target itself, reached over a connection of its own (a Redis
 * server): unlike a simulated service, barrage cannot start it, only check it is there and notice
 * when it goes away.
 */
public interface Target extends Startable {

    /**
     * Checks that the target answers, before the warm-up and before anything runs. What it throws
     * is the launch's bad input (exit 2): its message is the one line the user reads.
     */
    void check() throws Exception;

    /**
     * Called once the run has started the target: {@code lost.accept(reason)} ends the run as an
     * error (exit 4), its results so far kept and teardown run, when the target is gone for good
     * (not for a failed call: those are counted).
     */
    default void watch(Consumer<String> lost) {}
}
