package io.barrage.http.lean;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Small I/O buffers lent for one exchange and given back, so an idle kept-alive connection holds
 * none: memory follows the calls in flight, not the connections open. Lock-free slots; a miss
 * allocates, a full pool lets the buffer go.
 */
final class BufferPool {
    /** Enough for a request line, its headers and a typical response head; larger ones grow. */
    static final int SIZE = 2048;
    private static final int SLOTS = 512;
    private static final int PROBES = 8;
    private static final AtomicReferenceArray<byte[]> slots = new AtomicReferenceArray<>(SLOTS);

    private BufferPool() {}

    static byte[] acquire() {
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
