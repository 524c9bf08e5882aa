package io.barrage.sim;

import io.barrage.engine.format.Durations;
import io.barrage.engine.model.Startable;
import io.barrage.engine.model.SummarySource;
import io.barrage.engine.output.RunView;
import io.barrage.engine.output.RunEvent;
import io.barrage.engine.output.Output;
import io.barrage.engine.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A simulated service that a plan starts when its run starts and stops when the run ends. During
 * the load it plays the configured timeline of faults (at a time after the load starts, or when a
 * phase begins, each cleared after its {@code lasting}) on the run's clock, and puts what happens
 * to the service — faults, health changes — in the run's events. The run's summary keeps its
 * per-backend figures under {@code services.sim} ({@code services["sim:<scenario>"]} for a scenario's own).
 */
public final class SimResource implements Startable, Output, SummarySource, io.barrage.engine.model.FaultTarget {
    private final SimConfig config;
    private SimService service;
    private volatile RunView run;
    private Thread timeline;
    private final Set<TimedFault> phaseFaultsStarted = new HashSet<>();
    private final List<Thread> clearers = new ArrayList<>();
    private volatile String scenario;

    public SimResource(SimConfig config) {
        this.config = config;
    }

    public SimConfig config() {
        return config;
    }

    /** The scenario this service belongs to, named in its events (null: shared by the plan's scenarios). */
    public void scenario(String name) {
        this.scenario = name;
    }

    @Override
    public synchronized void start() throws Exception {
        if (service == null) service = SimService.start(config);
    }

    /** The service's URL; only once the run has started it. */
    public synchronized String url() {
        return service().url();
    }

    /** The running service; only once the run has started it. */
    public synchronized SimService service() {
        if (service == null) throw new IllegalStateException("the simulated service has not started");
        return service;
    }

    @Override
    public void onStart(RunView r) {
        SimService s;
        synchronized (this) {
            if (service == null) return;
            s = service;
            run = r;
        }
        s.listen((message, data) -> {
            RunView current = run;
            if (current != null) current.emit(RunEvent.TYPE_SIM, scenario, String.valueOf(data.getOrDefault("origin", "sim")), message, data);
        });
        for (Fault f : s.faults()) r.emit(RunEvent.TYPE_SIM, scenario, "start", "fault on from the start: " + f.describe(), Map.of("fault", f.kind().word()));
        List<TimedFault> timed = config.timeline().stream().filter(t -> t.at() != null).toList();
        if (timed.isEmpty()) return;
        Clock clock = r.clock();
        long start = clock.nanoTime();
        synchronized (this) {
            timeline = Thread.ofVirtual().name("barrage-sim-timeline").start(() -> play(s, clock, start, timed));
        }
    }

    private void play(SimService s, Clock clock, long start, List<TimedFault> timed) {
        List<TimedFault> order = new ArrayList<>(timed);
        order.sort((a, b) -> a.at().compareTo(b.at()));
        try {
            for (TimedFault t : order) {
                if (!clock.sleepUntil(start + t.at().toNanos(), () -> run == null)) return;
                switchOn(s, clock, t, "timeline at " + Durations.format(t.at()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void switchOn(SimService s, Clock clock, TimedFault t, String origin) {
        s.apply(t.fault(), origin);
        if (t.lasting() == null) return;
        long until = clock.nanoTime() + t.lasting().toNanos();
        Thread c = Thread.ofVirtual().name("barrage-sim-clear").unstarted(() -> {
            try {
                if (clock.sleepUntil(until, () -> run == null)) s.clear(t.fault(), origin + ", lasting " + Durations.format(t.lasting()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        synchronized (this) {
            clearers.add(c);
        }
        c.start();
    }

    @Override
    public void onEvent(RunEvent e) {
        if (!RunEvent.TYPE_PHASE.equals(e.type()) || run == null) return;
        Object phase = e.data().get("phase");
        SimService s;
        synchronized (this) {
            s = service;
        }
        if (s == null) return;
        for (TimedFault t : config.timeline()) {
            if (t.phase() == null || !t.phase().equals(phase)) continue;
            synchronized (this) {
                if (!phaseFaultsStarted.add(t)) continue;
            }
            switchOn(s, run.clock(), t, "phase '" + phase + "'");
        }
    }

    @Override
    public void onEnd(io.barrage.engine.summary.RunSummary summary) {
        stopTimeline();
    }

    private synchronized void stopTimeline() {
        run = null;
        if (timeline != null) timeline.interrupt();
        for (Thread c : clearers) c.interrupt();
        clearers.clear();
        timeline = null;
    }

    @Override
    public String faultTargetName() {
        return summaryName();
    }

    @Override
    public String injectFault(Map<String, Object> spec, String origin) {
        Fault f = SimAdmin.parse(spec);
        service().apply(f, origin);
        return f.describe();
    }

    @Override
    public int clearFaults(String scope, String origin) {
        SimService s = service();
        if (scope != null) s.backend(scope);
        return s.clearAll(scope, origin);
    }

    @Override
    public String summaryName() {
        return scenario == null ? "sim" : "sim:" + scenario;
    }

    @Override
    public synchronized Object summaryValues() {
        if (service == null) return null;
        Map<String, Object> out = new LinkedHashMap<>(service.state());
        out.remove("url");
        return out;
    }

    @Override
    public synchronized void close() {
        stopTimeline();
        if (service != null) service.close();
        service = null;
        phaseFaultsStarted.clear();
    }

    @Override
    public String toString() {
        return service == null ? "simulated service" : service.toString();
    }
}
