package io.barrage.http.lean;

import io.barrage.engine.loop.EventLoop;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Small I/O buffers lent for one exchange and given back, so an idle kept-alive connection holds
 * none: memory follows the calls in flight, not the connections open. Each event loop keeps a
 * stack of its own; other threads share lock-free slots. A miss allocates, a full pool lets the
 * buffer go.
 */
final class BufferPool {
    /** Enough for a request line, its headers and a typical response head; larger ones grow. */
    static final int SIZE = 2048;
    private static final int SLOTS = 512;
    private static final int PROBES = 8;
    private static final AtomicReferenceArray<byte[]> slots = new AtomicReferenceArray<>(SLOTS);

    private BufferPool() {}

    /** On an event loop: a plain stack of the loop's own (its threads never run at once). */
    private static final EventLoop.Local<ArrayDeque<byte[]>> LOOP = new EventLoop.Local<>(ArrayDeque::new);
    private static final int LOOP_KEEPS = 256;

    static byte[] acquire() {
        ArrayDeque<byte[]> own = LOOP.get();
        if (own != null) {
            byte[] b = own.pollFirst();
            return b != null ? b : new byte[SIZE];
        }
        int start = start();
        for (int i = 0; i < PROBES; i++) {
            int k = (start + i) & (SLOTS - 1);
            if (slots.get(k) != null) {
                byte[] b = slots.getAndSet(k, null);
                if (b != null) return b;
            }
        }
        return new byte[SIZE];
    }

    static void release(byte[] b) {
        if (b.length != SIZE) return;   // a grown buffer is not kept
        ArrayDeque<byte[]> own = LOOP.get();
        if (own != null) {
            if (own.size() < LOOP_KEEPS) own.addFirst(b);
            return;
        }
        int start = start();
        for (int i = 0; i < PROBES; i++) {
            int k = (start + i) & (SLOTS - 1);
            if (slots.get(k) == null && slots.compareAndSet(k, null, b)) return;
        }
    }

    private static int start() {
        long id = Thread.currentThread().threadId();
        return (int) (id * 0x9E3779B9L) & (SLOTS - 1);
    }
}
