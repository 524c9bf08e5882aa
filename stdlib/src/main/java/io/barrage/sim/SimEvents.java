package io.barrage.sim;

import java.util.Map;

/** Where the simulated service tells what happened to it: faults on and off, health changes. */
@FunctionalInterface
public interface SimEvents {
    SimEvents NONE = (message, data) -> {};

    void emit(String message, Map<String, Object> data);
}
