package io.barrage.engine.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.barrage.engine.model.FaultTarget;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.output.Output;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.output.RunStatus;
import io.barrage.engine.run.FaultControl;
import io.barrage.engine.run.Run;
import io.barrage.engine.run.RunControl;
import io.barrage.engine.run.RunOptions;
import io.barrage.engine.summary.RunSummary;
import io.barrage.engine.testing.Await;
import io.barrage.engine.testing.Plans;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed client of the control API, against a real ControlServer serving a real run on loopback. */
class RemoteRunControlTest {
    static final String TOKEN = "0123456789abcdef0123";
    static final String ORIGIN = "test-client";
    final List<RunEvent> events = new CopyOnWriteArrayList<>();
    final Box box = new Box();
    Run run;
    ControlServer api;
    RemoteRunControl remote;

    /** The one fault target a plan can have without a simulated service: it says what it was told. */
    static final class Box implements FaultTarget, AutoCloseable {
        final Map<String, Object> on = new LinkedHashMap<>();

        @Override public String faultTargetName() { return "box"; }

        @Override
        public String injectFault(Map<String, Object> spec, String origin) {
            if (!"b1".equals(spec.get("backend"))) throw new IllegalArgumentException("no backend '" + spec.get("backend") + "'; the backends are b1");
            on.putAll(spec);
            return spec.get("fault") + " b1";
        }

        @Override
        public int clearFaults(String scope, String origin) {
            int n = on.isEmpty() ? 0 : 1;
            on.clear();
            return n;
        }

        @Override public void close() {}
    }

    @BeforeEach
    void start() throws Exception {
        TestPlan bare = Plans.plan("ctl",
                Plans.scenario("open", vu -> {}, Plans.holdRate("steady", 50, Duration.ofSeconds(60)), Plans.holdRate("after", 20, Duration.ofSeconds(60))),
                Plans.scenario("closed", vu -> vu.sleep(5_000_000), Plans.holdUsers("few", 2, Duration.ofSeconds(120))));
        TestPlan plan = new TestPlan(bare.name(), bare.scenarios(), bare.code(), bare.guardrails(), List.of(box), Map.of());
        run = Run.start(plan, RunOptions.defaults().withOutputs(List.of(new Output() {
            @Override
            public void onEvent(RunEvent e) {
                if (e.type().equals(RunEvent.TYPE_CONTROL)) events.add(e);
            }
        })));
        api = ControlServer.start(run, "127.0.0.1", 0, TOKEN, false);
        remote = new RemoteRunControl(api.url(), TOKEN);
        Await.until("the load runs", () -> "running".equals(run.state()));
    }

    @AfterEach
    void stop() throws Exception {
        run.stop("test over", "test");
        run.await();
        remote.close();
        api.close();
    }

    @Test
    void everyCommandSteersTheRunAsTheRunItselfWouldBe() throws Exception {
        RunStatus s = remote.status();
        assertThat(s.state()).isEqualTo("running");
        assertThat(s.scenarios()).extracting(RunStatus.ScenarioStatus::name).containsExactly("open", "closed");
        assertThat(s.scenarios().get(0).target()).isEqualTo(50);
        assertThat(remote.name()).isEqualTo("ctl");
        assertThat(remote.finished()).isFalse();

        remote.setRate("open", 120, ORIGIN);
        assertThat(run.status().scenarios().get(0).target()).isEqualTo(120);
        assertThat(RateFactor.apply(remote, null, 1.5, ORIGIN)).isEqualTo(Map.of("open", 180.0));
        assertThat(run.status().scenarios().get(0).target()).isEqualTo(180);
        remote.setUsers("closed", 3, ORIGIN);
        assertThat(run.status().scenarios().get(1).target()).isEqualTo(3);
        assertThat(remote.pause(ORIGIN)).isTrue();
        assertThat(run.status().paused()).isTrue();
        assertThat(remote.pause(ORIGIN)).isFalse();
        assertThat(remote.resume(ORIGIN)).isTrue();
        assertThat(run.status().paused()).isFalse();
        remote.extendPhase("open", Duration.ofSeconds(30), ORIGIN);
        assertThat(run.status().scenarios().get(0).phaseDurationSeconds()).isEqualTo(90);
        remote.skipPhase("open", ORIGIN);
        assertThat(run.status().scenarios().get(0).phase()).isEqualTo("after");
        assertThat(remote.injectFault(null, Map.of("fault", "down", "backend", "b1"), ORIGIN)).isEqualTo(new FaultControl.Switched("box", "down b1"));
        assertThat(box.on).containsEntry("fault", "down");
        assertThat(remote.clearFaults("box", null, ORIGIN)).isEqualTo(new FaultControl.Cleared("box", 1));
        assertThat(box.on).isEmpty();

        Await.until("a first interval", () -> run.summarySoFar() != null);
        RunSummary so = remote.summarySoFar();
        assertThat(so.name()).isEqualTo("ctl");
        assertThat(so.status()).isEqualTo("running");

        remote.stop("enough", ORIGIN);
        assertThat(run.await().reason()).isEqualTo("enough");
        assertThat(remote.finished()).isTrue();
        assertThat(remote.summarySoFar().status()).isEqualTo(run.summarySoFar().status());
        List<String> control = new ArrayList<>();
        for (RunEvent e : events) control.add(e.origin() + ": " + e.message().replaceAll("resumed after .*", "resumed"));
        assertThat(control).containsExactly(
                "test-client via api 127.0.0.1: rate set to 120/s for the rest of phase 'steady'",
                "test-client via api 127.0.0.1: rate set to 180/s for the rest of phase 'steady'",
                "test-client via api 127.0.0.1: users set to 3 users for the rest of phase 'few'",
                "test-client via api 127.0.0.1: paused",                       // one event per scenario
                "test-client via api 127.0.0.1: paused",
                "test-client via api 127.0.0.1: resumed",
                "test-client via api 127.0.0.1: resumed",
                "test-client via api 127.0.0.1: phase 'steady' extended by 30s",
                "test-client via api 127.0.0.1: phase 'steady' skipped",
                "test-client via api 127.0.0.1: stop: enough");
    }

    @Test
    void aRefusedCommandSaysWhatTheRunOfThisProcessSays() {
        List<Consumer<RunControl>> refused = List.of(
                c -> c.setRate(null, -5, ORIGIN),
                c -> c.setRate("nope", 5, ORIGIN),
                c -> c.setRate("closed", 5, ORIGIN),
                c -> c.setUsers("open", 10, ORIGIN),
                c -> c.skipPhase("nope", ORIGIN),
                c -> c.extendPhase("open", Duration.ZERO, ORIGIN),
                c -> c.injectFault(null, Map.of("fault", "down", "backend", "b7"), ORIGIN),
                c -> c.injectFault("elsewhere", Map.of("fault", "down", "backend", "b1"), ORIGIN),
                c -> RateFactor.apply(c, null, 1e9, ORIGIN),
                c -> RateFactor.apply(c, "closed", 2, ORIGIN));
        for (Consumer<RunControl> command : refused) {
            Throwable here = catchThrowable(() -> command.accept(run));
            Throwable there = catchThrowable(() -> command.accept(remote));
            assertThat(here).isInstanceOf(IllegalArgumentException.class);
            assertThat(there).isInstanceOf(IllegalArgumentException.class).hasMessage(here.getMessage());
        }
        assertThat(run.status().scenarios().get(0).target()).isEqualTo(50);
        assertThat(events).isEmpty();
    }

    private static Throwable catchThrowable(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    @Test
    void aWrongTokenIsOneClearLine() {
        RemoteRunControl wrong = new RemoteRunControl(api.url(), TOKEN + "x");
        assertThatThrownBy(wrong::status).isInstanceOf(UncheckedIOException.class)
                .hasMessage("the control API refused the token (401): give the one it printed with --token");
        assertThatThrownBy(() -> wrong.stop(null, ORIGIN)).isInstanceOf(UncheckedIOException.class)
                .hasMessage("the control API refused the token (401): give the one it printed with --token");
        assertThatThrownBy(() -> wrong.events(e -> {})).isInstanceOf(UncheckedIOException.class)
                .hasMessage("the control API refused the token (401): give the one it printed with --token");
        assertThat(run.stopRequested()).isFalse();
    }

    @Test
    void anApiThatCannotBeReachedIsOneLineNamingItsUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RemoteRunControl away = new RemoteRunControl("http://127.0.0.1:" + port + "/", TOKEN);
        assertThat(away.url()).isEqualTo("http://127.0.0.1:" + port);
        assertThatThrownBy(away::status).isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot reach http://127.0.0.1:" + port + ": nothing listens there (has the run ended?)");
        assertThatThrownBy(() -> away.pause(ORIGIN)).isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot reach http://127.0.0.1:" + port + ": nothing listens there (has the run ended?)");
        assertThatThrownBy(() -> new RemoteRunControl("localhost:7070", TOKEN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'localhost:7070' is not the control API's URL, such as http://127.0.0.1:7070");
    }

    @Test
    void somethingOtherThanTheControlApiIsAnIoFailureNamingItsUrl() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/status", ex -> {
            byte[] b = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (ex) {
                ex.getResponseBody().write(b);
            }
        });
        other.createContext("/control/", ex -> {
            byte[] b = "{\"error\": \"internal error: boom\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(500, b.length);
            try (ex) {
                ex.getResponseBody().write(b);
            }
        });
        other.start();
        try (RemoteRunControl c = new RemoteRunControl("http://127.0.0.1:" + other.getAddress().getPort(), TOKEN)) {
            String url = c.url();
            assertThatThrownBy(c::status).isInstanceOf(UncheckedIOException.class)
                    .hasMessage(url + " answered 200 with something other than JSON: is it barrage's control API?");
            assertThatThrownBy(() -> c.resume(ORIGIN)).isInstanceOf(UncheckedIOException.class)
                    .hasMessage(url + " answered 500: internal error: boom");
            assertThatThrownBy(() -> c.scaleLoad(null, 2, ORIGIN)).isInstanceOf(UnsupportedOperationException.class);
        } finally {
            other.stop(0);
        }
    }

    @Test
    void eventsArriveAsRunEventsUntilTheSubscriptionIsClosed() throws Exception {
        List<RunEvent> seen = new CopyOnWriteArrayList<>();
        try (ControlledRun.Subscription sub = remote.events(seen::add)) {
            remote.setRate("open", 70, ORIGIN);
            Await.until("the command's event", () -> seen.stream().anyMatch(e -> e.type().equals(RunEvent.TYPE_CONTROL)));
        }
        RunEvent e = seen.stream().filter(x -> x.type().equals(RunEvent.TYPE_CONTROL)).findFirst().orElseThrow();
        assertThat(e.origin()).isEqualTo("test-client via api 127.0.0.1");
        assertThat(e.message()).isEqualTo("rate set to 70/s for the rest of phase 'steady'");
        assertThat(e.scenario()).isEqualTo("open");
        assertThat(e.data()).isEqualTo(events.get(0).data());
    }

    @Test
    void anInterruptedCallSaysSoAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(remote::status).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(InterruptedIOException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
