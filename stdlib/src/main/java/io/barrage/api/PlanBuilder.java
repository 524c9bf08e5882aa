package io.barrage.api;

import io.barrage.engine.model.Guardrails;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.user.ScenarioCode;
import io.barrage.http.HttpClientChoice;
import io.barrage.http.HttpClients;
import io.barrage.sim.SimConfig;
import io.barrage.sim.SimResource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** Builds a test plan in plain Java: scenarios side by side, a shared simulated service, guardrails. */
public final class PlanBuilder {
    private final String name;
    private final List<ScenarioBuilder> scenarios = new ArrayList<>();
    private SimResource sim;
    private Guardrails guardrails = Guardrails.NONE;
    private Integer maxConcurrency;
    private final Map<String, String> info = new LinkedHashMap<>();
    private HttpClientChoice httpClient;
    private final List<AutoCloseable> resources = new ArrayList<>();

    /**
     * The HTTP client for plans built inside {@link #buildingWith}: a Java scenario's
     * {@code plan(params)} builds its plan itself, and has no parameter to be told.
     */
    private static final ThreadLocal<HttpClientChoice> BUILDING_WITH = new ThreadLocal<>();

    PlanBuilder(String name) {
        this.name = name;
        HttpClientChoice given = BUILDING_WITH.get();
        this.httpClient = given != null ? given : HttpClientChoice.SCENARIO;
    }

    /**
     * Runs {@code body} (a Java scenario's {@code plan(params)}) so that every plan it builds on this
     * thread runs its HTTP on {@code choice}'s client, as {@link #httpClient} would set it: how a
     * launcher's HTTP client option reaches a plan built by code it does not write.
     */
    public static <T> T buildingWith(HttpClientChoice choice, Callable<T> body) throws Exception {
        HttpClientChoice before = BUILDING_WITH.get();
        BUILDING_WITH.set(choice);
        try {
            return body.call();
        } finally {
            if (before == null) BUILDING_WITH.remove();
            else BUILDING_WITH.set(before);
        }
    }

    public PlanBuilder scenario(ScenarioBuilder s) {
        scenarios.add(s);
        return this;
    }

    /** A simulated service, started with the run, for every scenario without a target of its own. */
    public PlanBuilder sim(SimConfig config) {
        this.sim = new SimResource(config);
        return this;
    }

    public PlanBuilder sim(SimResource resource) {
        this.sim = resource;
        return this;
    }

    /**
     * A resource that starts and closes with the run, such as a {@code RedisTarget} (a target that
     * is checked before the run and watched during it) whose protocol the scenarios register.
     */
    public PlanBuilder resource(AutoCloseable resource) {
        resources.add(resource);
        return this;
    }

    public PlanBuilder guardrails(Guardrails g) {
        this.guardrails = g;
        return this;
    }

    /** The default concurrency cap of open-model scenarios. */
    public PlanBuilder maxConcurrency(int n) {
        this.maxConcurrency = n;
        return this;
    }

    /** Every scenario's HTTP on one client, whatever it asks for; {@link HttpClientChoice#SCENARIO} (the default) leaves each its own. */
    public PlanBuilder httpClient(HttpClientChoice choice) {
        this.httpClient = choice;
        return this;
    }

    public PlanBuilder info(String key, String value) {
        info.put(key, value);
        return this;
    }

    /** The plan; its resources (simulated services, HTTP clients) start and close with its run. */
    public TestPlan build() {
        HttpClients clients = new HttpClients(httpClient);
        List<Scenario> built = new ArrayList<>();
        Map<String, ScenarioCode> code = new LinkedHashMap<>();
        Set<SimResource> sims = Collections.newSetFromMap(new IdentityHashMap<>());
        if (sim != null) sims.add(sim);
        for (ScenarioBuilder s : scenarios) {
            ScenarioBuilder.Built b = s.build(clients, sim, maxConcurrency);
            built.add(b.scenario());
            // a second scenario of the same name is a problem of the plan; the first one's code stays
            if (s.name() != null) code.putIfAbsent(s.name(), b.code());
            if (s.ownSim() != null) sims.add(s.ownSim());
        }
        List<AutoCloseable> all = new ArrayList<>(sims);
        all.addAll(resources);
        all.add(clients);
        return new TestPlan(name, built, code, guardrails, all, info);
    }
}
