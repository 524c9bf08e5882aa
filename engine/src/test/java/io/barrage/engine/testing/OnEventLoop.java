package io.barrage.engine.testing;

import io.barrage.engine.loop.EventLoops;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs each test method on a virtual thread of an event loop, as a run's users run: whatever the
 * test calls (the HTTP client) takes its event-loop path. The tests are skipped where loops
 * cannot run. {@code @ExtendWith(OnEventLoop.class)} on a test class that extends a suite runs
 * the whole suite again on loops.
 */
public final class OnEventLoop implements InvocationInterceptor, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(OnEventLoop.class);

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call, ExtensionContext context)
            throws Throwable {
        onLoop(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call, ExtensionContext context)
            throws Throwable {
        onLoop(invocation, context);
    }

    private static void onLoop(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        org.junit.jupiter.api.Assumptions.assumeTrue(EventLoops.unavailable() == null,
                () -> "event loops unavailable here: " + EventLoops.unavailable());
        EventLoops loops = context.getRoot().getStore(NS).getOrComputeIfAbsent("loops",
                k -> EventLoops.start(1, problem -> { throw new AssertionError(problem); }), EventLoops.class);
        CompletableFuture<Void> done = new CompletableFuture<>();
        loops.get(0).newThread(() -> {
            try {
                invocation.proceed();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }).start();
        try {
            done.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        EventLoops loops = context.getRoot().getStore(NS).remove("loops", EventLoops.class);
        if (loops != null) loops.close();
    }
}
