package io.barrage.engine.model;

/**
 * A plan resource that must start before the load (a simulated service started by the script).
 * The run starts it before setup and closes it ({@link AutoCloseable}) after teardown.
 */
public interface Startable extends AutoCloseable {
    void start() throws Exception;
}
