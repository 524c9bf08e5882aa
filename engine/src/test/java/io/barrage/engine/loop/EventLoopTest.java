package io.barrage.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.barrage.engine.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Event loops against real sockets on loopback. Timers are checked for order and for firing at or
 * after their deadline, never for how late (no timing assertions).
 */
class EventLoopTest {
    final List<String> problems = new CopyOnWriteArrayList<>();
    EventLoops loops;
    ServerSocket server;

    @BeforeEach
    void start() {
        assumeTrue(EventLoops.unavailable() == null, () -> "event loops unavailable here: " + EventLoops.unavailable());
        loops = EventLoops.start(2, problems::add);
    }

    @AfterEach
    void stop() throws IOException {
        if (loops != null) loops.close();
        if (server != null) server.close();
        assertThat(problems).isEmpty();
    }

    /** Runs {@code body} on a virtual thread of loop {@code index} and returns what it returns (or throws). */
    <T> T onLoop(int index, Callable<T> body) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loops.get(index).newThread(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }).start();
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception x) throw x;
            throw e;
        }
    }

    interface Callable<T> {
        T call() throws Exception;
    }

    @Test
    void aLoopLocalIsOnePerLoopAndNoneOffTheLoops() throws Exception {
        EventLoop.Local<java.util.List<String>> local = new EventLoop.Local<>(java.util.ArrayList::new);
        assertThat(local.get()).isNull();
        onLoop(0, () -> local.get().add("a"));
        onLoop(1, () -> local.get().add("b"));
        assertThat(onLoop(0, () -> List.copyOf(local.get()))).containsExactly("a");
        assertThat(onLoop(1, () -> List.copyOf(local.get()))).containsExactly("b");
    }

    @Test
    void aVirtualThreadKnowsItsLoopAndAPlatformThreadHasNone() throws Exception {
        assertThat(EventLoop.current()).isNull();
        assertThat(onLoop(1, () -> EventLoop.current().id())).isEqualTo(1);
        assertThat(onLoop(0, () -> Thread.currentThread().isVirtual())).isTrue();
        Thread jdk = Thread.ofVirtual().start(() -> assertThat(EventLoop.current()).isNull());
        jdk.join();
    }

    @Test
    void timersFireInDeadlineOrderAndNeverEarly() throws Exception {
        EventLoop loop = loops.get(0);
        ConcurrentLinkedQueue<String> fired = new ConcurrentLinkedQueue<>();
        long now = System.nanoTime();
        long[] at = new long[3];
        CountDownLatch done = new CountDownLatch(3);
        loop.schedule(now + 30_000_000L, () -> { at[2] = System.nanoTime(); fired.add("c"); done.countDown(); });
        loop.schedule(now + 10_000_000L, () -> { at[0] = System.nanoTime(); fired.add("a"); done.countDown(); });
        loop.schedule(now + 20_000_000L, () -> { at[1] = System.nanoTime(); fired.add("b"); done.countDown(); });
        EventLoop.Timer cancelled = loop.schedule(now + 15_000_000L, () -> fired.add("cancelled"));
        cancelled.cancel();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fired).containsExactly("a", "b", "c");
        assertThat(at[0]).isGreaterThanOrEqualTo(now + 10_000_000L);
        assertThat(at[1]).isGreaterThanOrEqualTo(now + 20_000_000L);
        assertThat(at[2]).isGreaterThanOrEqualTo(now + 30_000_000L);
    }

    @Test
    void aParkedVirtualThreadWakesAtItsDeadlineOrWhenUnparked() throws Exception {
        long woke = onLoop(0, () -> {
            long deadline = System.nanoTime() + 5_000_000L;
            while (System.nanoTime() < deadline) EventLoop.current().parkUntil(deadline);
            return System.nanoTime() - deadline;
        });
        assertThat(woke).isGreaterThanOrEqualTo(0);

        AtomicReference<Thread> parked = new AtomicReference<>();
        CompletableFuture<Boolean> unparked = new CompletableFuture<>();
        loops.get(1).newThread(() -> {
            parked.set(Thread.currentThread());
            EventLoop.current().parkUntil(System.nanoTime() + 60_000_000_000L);
            unparked.complete(true);
        }).start();
        Await.until("the thread parks", () -> parked.get() != null && parked.get().getState() == Thread.State.WAITING);
        java.util.concurrent.locks.LockSupport.unpark(parked.get());   // from a platform thread: through the inbox
        assertThat(unparked.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aThreadParkedBetweenTwoTimesWakesWhenTheLoopIsAwakeAfterTheFirst() throws Exception {
        EventLoop loop = loops.get(0);
        long start = System.nanoTime();
        long earliest = start + 20_000_000L;
        CompletableFuture<Long> woke = new CompletableFuture<>();
        AtomicReference<Thread> parked = new AtomicReference<>();
        loop.newThread(() -> {
            parked.set(Thread.currentThread());
            while (System.nanoTime() < earliest) loop.parkBetween(earliest, start + 600_000_000_000L);   // latest: ten minutes
            woke.complete(System.nanoTime());
        }).start();
        Await.until("the thread parks", () -> parked.get() != null && parked.get().getState() == Thread.State.WAITING);
        while (System.nanoTime() < earliest + 5_000_000L) Thread.sleep(5);
        loop.execute(() -> { });   // the loop wakes for something else
        assertThat(woke.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(earliest);
    }

    @Test
    void runFirstRunsTasksOnAThreadAnEarlierTaskEndedOnWithoutItsInterrupt() throws Exception {
        EventLoop loop = loops.get(0);
        CompletableFuture<Thread> first = new CompletableFuture<>();
        loop.runFirst(() -> {
            Thread.currentThread().interrupt();   // left behind by the task
            first.complete(Thread.currentThread());
        });
        Thread t = first.get(10, TimeUnit.SECONDS);
        Await.until("the first task's thread waits idle", () -> t.getState() == Thread.State.WAITING);
        CompletableFuture<Boolean> second = new CompletableFuture<>();
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        loop.runFirst(() -> {   // from a platform thread: handed over
            ranOn.complete(Thread.currentThread());
            second.complete(Thread.currentThread().isInterrupted());
        });
        assertThat(ranOn.get(10, TimeUnit.SECONDS)).isSameAs(t);
        assertThat(t.isVirtual()).isTrue();
        assertThat(second.get()).as("interrupted").isFalse();
        assertThat(loops.liveThreads()).isEqualTo(1);
    }

    @Test
    void idleThreadsOfRunFirstEndWhenTheLoopsClose() throws Exception {
        CountDownLatch done = new CountDownLatch(100);
        for (int i = 0; i < 100; i++) loops.get(i).runFirst(done::countDown);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(loops.liveThreads()).isPositive();   // kept for the next tasks
        loops.close();
        assertThat(loops.liveThreads()).as("threads still alive after close").isZero();
    }

    @Test
    void aTimerDueWhileALongQueueRunsFiresBeforeTheQueueEnds() throws Exception {
        EventLoop loop = loops.get(0);
        ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(65);
        loop.execute(() -> {   // on the loop: 64 tasks of 1 ms queued at once, a timer due in 5 ms
            loop.schedule(System.nanoTime() + 5_000_000L, () -> { order.add("timer"); done.countDown(); });
            for (int i = 0; i < 64; i++) {
                int k = i;
                loop.execute(() -> {
                    long end = System.nanoTime() + 1_000_000L;
                    while (System.nanoTime() < end) Thread.onSpinWait();
                    order.add("task " + k);
                    done.countDown();
                });
            }
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        List<String> seen = List.copyOf(order);
        assertThat(seen.indexOf("timer")).as("timer's place among the tasks: %s", seen).isBetween(5, 40);
    }

    @Test
    void manyVirtualThreadsYieldingOnOneLoopAllFinish() throws Exception {
        int n = 2_000;
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            loops.get(i).newThread(() -> {
                for (int k = 0; k < 5; k++) Thread.yield();
                done.countDown();
            }).start();
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        Await.until("threads end", () -> loops.liveThreads() == 0);
    }

    @Test
    void aSocketWritesAndReadsWhileOtherThreadsOfItsLoopRun() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread echo = Thread.ofPlatform().daemon().start(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] b = new byte[1024];
                int r;
                while ((r = in.read(b)) > 0) out.write(b, 0, r);
            } catch (IOException ignored) {
                // the client closed
            }
        });
        String answer = onLoop(0, () -> {
            try (LoopSocket s = LoopSocket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), null, 0)) {
                byte[] big = new byte[1 << 20];   // more than the socket buffers hold: writes park and resume
                java.util.Arrays.fill(big, (byte) 'x');
                CompletableFuture<Integer> got = new CompletableFuture<>();
                EventLoop.current().newThread(() -> {
                    try {
                        int total = 0;
                        byte[] b = new byte[8192];
                        while (total < big.length) {
                            int r = s.read(b, 0, b.length);
                            if (r < 0) break;
                            total += r;
                        }
                        got.complete(total);
                    } catch (IOException e) {
                        got.completeExceptionally(e);
                    }
                }).start();
                s.write(big, 0, big.length);
                return "echoed " + got.get(10, TimeUnit.SECONDS);
            }
        });
        assertThat(answer).isEqualTo("echoed " + (1 << 20));
        echo.join(10_000);
    }

    @Test
    void aRefusedConnectionIsTheJdksConnectException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> onLoop(0, () -> LoopSocket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), null, 0)))
                .isInstanceOf(ConnectException.class).hasMessage("Connection refused");
    }

    @Test
    void closingFromAnotherThreadWakesTheReaderWithSocketClosed() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return server.accept();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        AtomicReference<LoopSocket> socket = new AtomicReference<>();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        loops.get(1).newThread(() -> {
            try {
                LoopSocket s = LoopSocket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), null, 0);
                socket.set(s);
                s.read(new byte[10], 0, 10);   // the server never writes
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        }).start();
        Await.until("the client connects and waits", () -> socket.get() != null);
        Thread.sleep(20);
        socket.get().close();   // a watchdog's call, from a platform thread
        assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(SocketException.class).hasMessage("Socket closed");
        accepted.get(10, TimeUnit.SECONDS).close();
    }

    @Test
    void anInterruptedReaderFailsAndItsSocketIsClosed() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AtomicReference<LoopSocket> socket = new AtomicReference<>();
        AtomicReference<Thread> thread = new AtomicReference<>();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread t = loops.get(0).newThread(() -> {
            try {
                LoopSocket s = LoopSocket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), null, 0);
                socket.set(s);
                s.read(new byte[10], 0, 10);
                failure.complete(null);
            } catch (Throwable e) {
                failure.complete(e);
            }
        });
        thread.set(t);
        t.start();
        try (Socket peer = server.accept()) {
            Await.until("the client waits", () -> socket.get() != null && t.getState() == Thread.State.WAITING);
            t.interrupt();
            assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(SocketException.class).hasMessage("Closed by interrupt");
            assertThat(socket.get().isClosed()).isTrue();
            assertThat(peer.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void theEndOfTheStreamAndAPeerThatClosedAreSeen() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
            try (Socket s = server.accept()) {
                s.getOutputStream().write("bye".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        String seen = onLoop(0, () -> {
            try (LoopSocket s = LoopSocket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), null, 0)) {
                served.get(10, TimeUnit.SECONDS);
                byte[] b = new byte[10];
                int n = 0, r;
                while ((r = s.read(b, n, b.length - n)) > 0) n += r;
                return new String(b, 0, n, StandardCharsets.US_ASCII) + " " + r + " " + s.closedByPeer();
            }
        });
        assertThat(seen).isEqualTo("bye -1 true");
    }

    @Test
    void anOpenIdleConnectionIsNotClosedByPeer() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
            try {
                return server.accept();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        boolean closed = onLoop(1, () -> {
            try (LoopSocket s = LoopSocket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), null, 0)) {
                accepted.get(10, TimeUnit.SECONDS);
                return s.closedByPeer();
            }
        });
        assertThat(closed).isFalse();
        accepted.get().close();
    }

    @Test
    void aSocketStillOpenWhenTheLoopsCloseFailsItsThreadInsteadOfHangingIt() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        AtomicReference<LoopSocket> socket = new AtomicReference<>();
        loops.get(0).newThread(() -> {
            try {
                LoopSocket s = LoopSocket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), null, 0);
                socket.set(s);
                s.read(new byte[1], 0, 1);
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        }).start();
        try (Socket peer = server.accept()) {
            Await.until("the client waits", () -> socket.get() != null);
            loops.close();   // waits out its grace period for the stuck reader, then ends
            assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(SocketException.class)
                    .hasMessage("the event loop was closed");
        }
    }

    @Test
    void aServerSocketOfALoopAcceptsConnectionsThatBelongToItsLoop() throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        CompletableFuture<String> served = new CompletableFuture<>();
        AtomicReference<LoopServerSocket> listening = new AtomicReference<>();
        loops.get(1).newThread(() -> {
            try (LoopServerSocket s = LoopServerSocket.bind(InetAddress.getLoopbackAddress(), 0, 16)) {
                listening.set(s);
                port.complete(s.port());
                try (LoopSocket c = s.accept()) {
                    byte[] b = new byte[16];
                    int n = c.receive(b, 0, b.length);
                    c.write("pong".getBytes(StandardCharsets.US_ASCII), 0, 4);
                    served.complete(new String(b, 0, n, StandardCharsets.US_ASCII) + " on loop " + c.loop().id());
                    assertThat(c.receive(b, 0, b.length)).isEqualTo(-1);   // the client closed
                }
            } catch (Throwable t) {
                port.completeExceptionally(t);
                served.completeExceptionally(t);
            }
        }).start();
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port.get(10, TimeUnit.SECONDS))) {
            client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            byte[] b = new byte[4];
            assertThat(client.getInputStream().readNBytes(b, 0, 4)).isEqualTo(4);
            assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("pong");
        }
        assertThat(served.get(10, TimeUnit.SECONDS)).isEqualTo("ping on loop 1");
        Await.until("the listening socket closes with its thread", () -> listening.get().port() > 0 && loops.liveThreads() == 0);
    }

    @Test
    void acceptWaitsUntilTheServerSocketIsClosed() throws Exception {
        AtomicReference<LoopServerSocket> listening = new AtomicReference<>();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        loops.get(0).newThread(() -> {
            try {
                LoopServerSocket s = LoopServerSocket.bind(InetAddress.getLoopbackAddress(), 0, 16);
                listening.set(s);
                s.accept();
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        }).start();
        Await.until("the server listens", () -> listening.get() != null);
        listening.get().close();
        assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(SocketException.class).hasMessage("Socket closed");
    }

    @Test
    void aConnectThatTakesTooLongTimesOut() throws Exception {
        // a listening socket whose backlog is full leaves the next connect unanswered
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        List<Socket> fill = new java.util.ArrayList<>();
        try {
            Throwable failure = null;
            for (int i = 0; i < 8 && failure == null; i++) {
                try {
                    onLoop(0, () -> LoopSocket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), null, 50_000_000L));
                } catch (SocketTimeoutException e) {
                    failure = e;
                }
            }
            assertThat(failure).isInstanceOf(SocketTimeoutException.class).hasMessage("Connect timed out");
        } finally {
            for (Socket s : fill) s.close();
        }
    }
}
