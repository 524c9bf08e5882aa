package io.barrage.engine.loop;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * The two JDK internals an event loop needs to carry virtual threads itself: the virtual-thread
 * builder that takes a scheduler (the JDK keeps it for its own tests), and the carrier of the
 * current thread. Both need {@code --add-opens java.base/java.lang=ALL-UNNAMED} (barrage's jar
 * manifest says so); without it {@link #unavailable()} says why and barrage runs its virtual
 * threads on the JDK's scheduler instead.
 */
final class Carriers {
    private static final MethodHandle CURRENT_CARRIER;
    private static final Constructor<?> BUILDER;
    private static final String UNAVAILABLE;

    static {
        MethodHandle carrier = null;
        Constructor<?> builder = null;
        String why = null;
        try {
            if (!Thread.class.getModule().isOpen("java.lang", Carriers.class.getModule())) {
                why = "java.lang is not open to barrage (--add-opens java.base/java.lang=ALL-UNNAMED)";
            } else {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup());
                carrier = lookup.findStatic(Thread.class, "currentCarrierThread", MethodType.methodType(Thread.class));
                builder = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder").getDeclaredConstructor(Executor.class);
                builder.setAccessible(true);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            why = "this JDK has no virtual-thread builder with a scheduler (" + e + ")";
            carrier = null;
            builder = null;
        }
        CURRENT_CARRIER = carrier;
        BUILDER = builder;
        UNAVAILABLE = why;
    }

    private Carriers() {}

    /** Why event loops cannot carry virtual threads here, or null if they can. */
    static String unavailable() {
        return UNAVAILABLE;
    }

    /** The platform thread the current thread runs on: itself for a platform thread. */
    static Thread currentCarrier() {
        try {
            return (Thread) CURRENT_CARRIER.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A factory of unnamed virtual threads that {@code scheduler} runs. */
    static ThreadFactory virtualThreads(Executor scheduler) {
        try {
            return ((Thread.Builder.OfVirtual) BUILDER.newInstance(scheduler)).factory();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build virtual threads on an event loop", e);
        }
    }
}
