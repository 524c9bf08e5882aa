package io.barrage.sim;

import io.barrage.engine.model.Startable;

/** A simulated service that a plan starts when its run starts and stops when the run ends. */
public final class SimResource implements Startable {
    private final SimConfig config;
    private SimService service;

    public SimResource(SimConfig config) {
        this.config = config;
    }

    public SimConfig config() {
        return config;
    }

    @Override
    public synchronized void start() throws Exception {
        if (service == null) service = SimService.start(config);
    }

    /** The service's URL; only once the run has started it. */
    public synchronized String url() {
        if (service == null) throw new IllegalStateException("the simulated service has not started");
        return service.url();
    }

    @Override
    public synchronized void close() {
        if (service != null) service.close();
        service = null;
    }

    @Override
    public String toString() {
        return service == null ? "simulated service" : service.toString();
    }
}
