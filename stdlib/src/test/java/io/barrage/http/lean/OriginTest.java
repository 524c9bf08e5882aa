package io.barrage.http.lean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barrage.http.TimingCollector;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The open model's pool: how many connects may run at once, and who gets a connection given back. */
class OriginTest {
    private static final long LONG = TimeUnit.SECONDS.toNanos(10);
    private static final long SHORT = TimeUnit.MILLISECONDS.toNanos(50);

    private ServerSocket server;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Connection> forgotten = new ArrayList<>();
    private final List<Origin> opensForQueue = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Origin origin;

    @BeforeEach
    void start() throws Exception {
        server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());   // never accepts: the backlog holds them
        origin = new Origin(false, "127.0.0.1", server.getLocalPort(), 1_000, forgotten::add, opensForQueue::add);
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) s.close();
        server.close();
    }

    /** A real connection to the test server, as the transport would make after {@code acquire} said to open one. */
    private Connection connection() throws Exception {
        Socket s = new Socket(server.getInetAddress(), server.getLocalPort());
        sockets.add(s);
        return new Connection(origin, true, new Wire.Jdk(s, s));
    }

    @Test
    void anEmptyPoolLetsSixteenConnectsRunAtOnceAndTheNextCallWaits() throws Exception {
        for (int i = 0; i < Origin.MIN_OPENING; i++) {
            assertThat(origin.acquire(new TimingCollector(), LONG)).as("call %d opens a connection", i).isNull();
        }
        assertThatThrownBy(() -> origin.acquire(new TimingCollector(), SHORT))
                .isInstanceOf(SocketTimeoutException.class)
                .hasMessageContaining("0 open, 16 opening");
    }

    @Test
    void aWaitingCallOpensWhenAConnectEnds() throws Exception {
        for (int i = 0; i < Origin.MIN_OPENING; i++) origin.acquire(new TimingCollector(), LONG);
        TimingCollector waiter = new TimingCollector();
        CompletableFuture<Connection> next = CompletableFuture.supplyAsync(() -> acquire(waiter), Thread::startVirtualThread);
        Thread.sleep(50);
        assertThat(next).isNotDone();
        origin.opened(false);   // a connect failed: its place and its turn are free
        assertThat(next.get(5, TimeUnit.SECONDS)).isNull();   // the waiter opens one itself
        assertThat(waiter.timings().waitMillis()).isGreaterThan(0);
    }

    @Test
    void aPoolOpensAtMostAQuarterOfWhatItHasOpenAtOnce() throws Exception {
        // 80 open: up to 20 may be opening at once
        List<Connection> open = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            assertThat(origin.acquire(new TimingCollector(), LONG)).isNull();
            open.add(connection());
            origin.opened(true);
        }
        for (int i = 0; i < 20; i++) assertThat(origin.acquire(new TimingCollector(), LONG)).isNull();
        assertThatThrownBy(() -> origin.acquire(new TimingCollector(), SHORT))
                .isInstanceOf(SocketTimeoutException.class)
                .hasMessageContaining("80 open, 20 opening");
        CompletableFuture<Connection> next = CompletableFuture.supplyAsync(() -> acquire(new TimingCollector()), Thread::startVirtualThread);
        Thread.sleep(50);
        assertThat(next).isNotDone();
        origin.release(open.getFirst());
        assertThat(next.get(5, TimeUnit.SECONDS)).isSameAs(open.getFirst());
    }

    @Test
    void aConnectionGivenBackGoesToTheCallThatWaitedNotToANewOne() throws Exception {
        // every connect allowed is under way: the next call waits
        for (int i = 0; i < Origin.MIN_OPENING; i++) assertThat(origin.acquire(new TimingCollector(), LONG)).isNull();
        Connection c = connection();
        CompletableFuture<Connection> waiting = CompletableFuture.supplyAsync(() -> acquire(new TimingCollector()), Thread::startVirtualThread);
        Thread.sleep(50);
        assertThat(waiting).isNotDone();
        TimingCollector late = new TimingCollector();
        Object lateGot;
        origin.release(c);
        try {
            lateGot = origin.acquire(late, SHORT);   // a call arriving just as the connection is given back
        } catch (SocketTimeoutException e) {
            lateGot = e;
        }
        // it queued behind the call that waited and took nothing
        assertThat(lateGot).isInstanceOf(SocketTimeoutException.class);
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isSameAs(c);
    }

    @Test
    void connectionsGivenBackFasterThanWaitingCallsWakeAreNeverLeftIdleWhileCallsWait() throws Exception {
        for (int i = 0; i < Origin.MIN_OPENING; i++) origin.acquire(new TimingCollector(), LONG);
        List<CompletableFuture<Connection>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(CompletableFuture.supplyAsync(() -> acquire(new TimingCollector()), Thread::startVirtualThread));
        }
        Thread.sleep(50);
        List<Connection> back = new ArrayList<>();
        for (int i = 0; i < 4; i++) back.add(connection());
        for (Connection c : back) origin.release(c);   // four given back before the three waiting calls run
        // the fourth is free for the next call at once: the three waiting were each handed one
        assertThat(origin.acquire(new TimingCollector(), SHORT)).isSameAs(back.get(3));
        List<Connection> got = new ArrayList<>();
        for (CompletableFuture<Connection> f : waiting) got.add(f.get(5, TimeUnit.SECONDS));
        assertThat(got).containsExactlyInAnyOrderElementsOf(back.subList(0, 3));
    }

    @Test
    void whileCallsWaitANewCallQueuesAndOpensAConnectionForTheQueue() throws Exception {
        // 80 open and 20 opening (a quarter): five calls wait
        for (int i = 0; i < 80; i++) {
            origin.acquire(new TimingCollector(), LONG);
            origin.opened(true);
        }
        for (int i = 0; i < 20; i++) assertThat(origin.acquire(new TimingCollector(), LONG)).isNull();
        List<CompletableFuture<Connection>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(CompletableFuture.supplyAsync(() -> acquire(new TimingCollector()), Thread::startVirtualThread));
        }
        Thread.sleep(50);
        // four connects end: four waiting calls open their own, and with 84 open a 21st connect may run
        for (int i = 0; i < 4; i++) origin.opened(true);
        for (int i = 0; i < 100 && waiting.stream().filter(CompletableFuture::isDone).count() < 4; i++) Thread.sleep(10);
        assertThat(waiting.stream().filter(CompletableFuture::isDone).count()).isEqualTo(4);
        assertThat(opensForQueue).isEmpty();
        // a new call finds one call waiting: it opens the 21st connection for the queue, and queues
        assertThatThrownBy(() -> origin.acquire(new TimingCollector(), SHORT)).isInstanceOf(SocketTimeoutException.class);
        assertThat(opensForQueue).containsExactly(origin);
        // the connection opened for the queue goes to the call that waited first
        CompletableFuture<Connection> last = waiting.stream().filter(f -> !f.isDone()).findFirst().orElseThrow();
        Connection c = connection();
        origin.opened(true);   // as the transport's connect does (it may let the waiting call open one of its own)
        origin.openedForQueue(c);
        assertThat(last.get(5, TimeUnit.SECONDS)).isIn(c, null);
    }

    @Test
    void closingThePoolEndsTheWait() throws Exception {
        for (int i = 0; i < Origin.MIN_OPENING; i++) origin.acquire(new TimingCollector(), LONG);
        CompletableFuture<Connection> next = CompletableFuture.supplyAsync(() -> acquire(new TimingCollector()), Thread::startVirtualThread);
        Thread.sleep(50);
        origin.close();
        assertThatThrownBy(() -> next.get(5, TimeUnit.SECONDS)).hasMessageContaining("the HTTP client is closed");
    }

    private Connection acquire(TimingCollector t) {
        try {
            return origin.acquire(t, LONG);
        } catch (Exception e) {
            throw new RuntimeException(e.getMessage(), e);
        }
    }
}
