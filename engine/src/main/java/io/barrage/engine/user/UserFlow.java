package io.barrage.engine.user;

/**
 * What one virtual user does in one iteration. In the open model each arrival makes one iteration
 * of a fresh user; in the closed model each user loops over iterations until told to stop.
 * Failed calls are recorded by the protocol clients; an exception thrown out of {@link #iterate}
 * is counted as a {@code script} error and does not stop the run.
 */
@FunctionalInterface
public interface UserFlow {

    void iterate(Vu vu) throws Exception;

    /** Called once when the user retires, to release per-user resources (connections). */
    default void close() {}
}
