package io.barrage.api;

import io.barrage.engine.model.Guardrails;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.run.TestPlan;
import io.barrage.engine.user.ScenarioCode;
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

/** Builds a test plan in plain Java: scenarios side by side, a shared simulated service, guardrails. */
public final class PlanBuilder {
    private final String name;
    private final List<ScenarioBuilder> scenarios = new ArrayList<>();
    private SimResource sim;
    private Guardrails guardrails = Guardrails.NONE;
    private Integer maxConcurrency;
    private final Map<String, String> info = new LinkedHashMap<>();

    PlanBuilder(String name) {
        this.name = name;
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

    public PlanBuilder guardrails(Guardrails g) {
        this.guardrails = g;
        return this;
    }

    /** The default concurrency cap of open-model scenarios. */
    public PlanBuilder maxConcurrency(int n) {
        this.maxConcurrency = n;
        return this;
    }

    public PlanBuilder info(String key, String value) {
        info.put(key, value);
        return this;
    }

    /** The plan; its resources (simulated services, HTTP clients) start and close with its run. */
    public TestPlan build() {
        HttpClients clients = new HttpClients();
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
        List<AutoCloseable> resources = new ArrayList<>(sims);
        resources.add(clients);
        return new TestPlan(name, built, code, guardrails, resources, info);
    }
}
