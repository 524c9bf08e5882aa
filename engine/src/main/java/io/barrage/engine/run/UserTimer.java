package io.barrage.engine.run;

import io.barrage.engine.time.Clock;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Wakes closed-model users when their pause between iterations ends. A user that thinks holds no
 * thread: its iteration's virtual thread ends and this timer starts a new one at the deadline, so
 * 10 000 thinking users cost their state, not 10 000 parked stacks. One platform thread parks until
 * the earliest deadline (it never spins) and is woken when an earlier one is added.
 */
final class UserTimer<T> {
    private record Entry<T>(long deadline, long seq, T item) implements Comparable<Entry<T>> {
        @Override
        public int compareTo(Entry<T> o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final Clock clock;
    private final Consumer<T> fire;
    private final PriorityQueue<Entry<T>> queue = new PriorityQueue<>();
    private long seq;
    private volatile boolean closed;
    private volatile Thread thread;

    /** @param fire called on the timer thread for each item whose deadline came; must not block */
    UserTimer(Clock clock, Consumer<T> fire) {
        this.clock = clock;
        this.fire = fire;
    }

    void start(String name) {
        Thread t = new Thread(this::loop, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    void schedule(long deadline, T item) {
        boolean earliest;
        synchronized (queue) {
            Entry<T> head = queue.peek();
            earliest = head == null || deadline < head.deadline;
            queue.add(new Entry<>(deadline, seq++, item));
        }
        Thread t = thread;
        if (earliest && t != null) clock.wake(t);
    }

    int size() {
        synchronized (queue) {
            return queue.size();
        }
    }

    void close() {
        closed = true;
        Thread t = thread;
        if (t != null) clock.wake(t);
    }

    private void loop() {
        try {
            while (!closed) {
                long now = clock.nanoTime();
                Entry<T> due = null;
                long next;
                synchronized (queue) {
                    Entry<T> head = queue.peek();
                    if (head != null && head.deadline <= now) due = queue.poll();
                    next = head == null ? now + 1_000_000_000L : head.deadline;
                }
                if (due != null) {
                    fire.accept(due.item);
                    continue;
                }
                clock.park(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
