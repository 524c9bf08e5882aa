package io.barrage.engine.testing;

import java.util.function.BooleanSupplier;

/** Waits for a condition that other threads make true; the bound is a hang guard, not a timing. */
public final class Await {
    private Await() {}

    public static void until(String what, BooleanSupplier condition) {
        long giveUp = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUp) throw new AssertionError("gave up waiting for: " + what);
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
