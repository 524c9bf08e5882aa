package io.barrage.api;

import io.barrage.engine.model.Assertion;
import io.barrage.engine.model.Guardrails;
import io.barrage.engine.model.Phase;
import io.barrage.engine.model.Scenario;
import io.barrage.engine.model.ThinkTime;
import io.barrage.engine.pattern.ArrivalCurve;
import io.barrage.engine.user.Hook;
import io.barrage.engine.user.Protocol;
import io.barrage.engine.user.ScenarioCode;
import io.barrage.engine.user.UserFactory;
import io.barrage.engine.user.UserFlow;
import io.barrage.engine.user.Vu;
import io.barrage.http.Http;
import io.barrage.http.HttpClients;
import io.barrage.http.HttpConfig;
import io.barrage.http.HttpProtocol;
import io.barrage.balance.Balance;
import io.barrage.engine.analysis.Analysis;
import io.barrage.sim.BackendConfig;
import io.barrage.sim.Balancing;
import io.barrage.sim.SimConfig;
import io.barrage.sim.SimResource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Builds one scenario in plain Java — the same records the Groovy DSL builds. Each virtual user
 * gets its own {@link Http} (cookies), bound to the scenario's target or simulated service.
 */
public final class ScenarioBuilder {
    private final String name;
    private String target;
    private SimResource sim;
    private HttpConfig http = HttpConfig.of(null);
    private BiFunction<Http, Vu, UserFlow> users;
    private final List<Protocol<?>> protocols = new ArrayList<>();
    private HttpHook setup;
    private HttpHook teardown;
    private final List<Phase> phases = new ArrayList<>();
    private final List<Assertion> assertions = new ArrayList<>();
    private ThinkTime pacing;
    private Integer maxConcurrency;
    private ArrivalCurve.Spacing spacing = ArrivalCurve.Spacing.EVEN;
    private Long seed;
    private Balance balance;
    private final List<Analysis> analyses = new ArrayList<>();
    private Guardrails guardrails = Guardrails.NONE;

    ScenarioBuilder(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Where requests go; relative paths resolve against it. */
    public ScenarioBuilder target(String url) {
        this.target = url;
        return this;
    }

    /** Targets a simulated service of this scenario's own (started with the run). */
    public ScenarioBuilder sim(SimResource resource) {
        this.sim = resource;
        return this;
    }

    /** Headers, timeouts, redirects, client; the base URL comes from {@link #target}. */
    public ScenarioBuilder http(HttpConfig config) {
        this.http = config;
        return this;
    }

    /** What each virtual user does in one iteration. */
    public ScenarioBuilder user(HttpUser user) {
        this.users = (h, vu) -> v -> user.iterate(h, v);
        return this;
    }

    /** Lower level: builds each user's flow from its {@link Http} (the DSL uses this). */
    public ScenarioBuilder users(BiFunction<Http, Vu, UserFlow> perUser) {
        this.users = perUser;
        return this;
    }

    public ScenarioBuilder setup(HttpHook hook) {
        this.setup = hook;
        return this;
    }

    public ScenarioBuilder teardown(HttpHook hook) {
        this.teardown = hook;
        return this;
    }

    public ScenarioBuilder phases(Phase... list) {
        phases.addAll(Arrays.asList(list));
        return this;
    }

    public ScenarioBuilder phases(List<Phase> list) {
        phases.addAll(list);
        return this;
    }

    public ScenarioBuilder assertions(Assertion... list) {
        assertions.addAll(Arrays.asList(list));
        return this;
    }

    public ScenarioBuilder assertions(List<Assertion> list) {
        assertions.addAll(list);
        return this;
    }

    /** A pause after each iteration of a closed-model user. */
    public ScenarioBuilder pacing(ThinkTime think) {
        this.pacing = think;
        return this;
    }

    public ScenarioBuilder maxConcurrency(int n) {
        this.maxConcurrency = n;
        return this;
    }

    /** This scenario's own caps (maxRate, maxUsers), on top of the plan's guardrails; the tighter one holds. */
    public ScenarioBuilder guardrails(Guardrails g) {
        this.guardrails = g;
        return this;
    }

    public ScenarioBuilder spacing(ArrivalCurve.Spacing s) {
        this.spacing = s;
        return this;
    }

    /**
     * Balance analysis: count each call's backend (named by a response header, or by target). A
     * scenario against a simulated service of several backends gets it without asking.
     */
    public ScenarioBuilder balance(Balance b) {
        this.balance = b;
        return this;
    }

    /**
     * An analysis of the scenario's tallies besides balance: its score per interval in the timeline,
     * its section in the summary, its events, and its score for assertions
     * ({@code Assertion.score(name, ...)}). Its name must be unique in the scenario.
     */
    public ScenarioBuilder analysis(Analysis a) {
        if (a == null) throw new IllegalArgumentException("analysis: an analysis, not null");
        analyses.add(a);
        return this;
    }

    /**
     * A protocol module its users reach by name ({@code vu.client("redis", RedisClient.class)}),
     * beside {@code http}, which every scenario has. Its calls record on the users' steps.
     */
    public ScenarioBuilder protocol(Protocol<?> module) {
        if (module == null) throw new IllegalArgumentException("protocol: a module, not null");
        String bad = io.barrage.engine.model.MetricName.problem(module.name(), "protocol");
        if (bad != null) throw new IllegalArgumentException(bad);
        if (module.name().equals(HttpProtocol.NAME) || protocols.stream().anyMatch(p -> p.name().equals(module.name()))) {
            throw new IllegalArgumentException("scenario '" + name + "' has a protocol named '" + module.name() + "' already");
        }
        protocols.add(module);
        return this;
    }

    public ScenarioBuilder seed(long s) {
        this.seed = s;
        return this;
    }

    SimResource ownSim() {
        return sim;
    }

    /** The scenario's data record and the code bound to it by name in the plan. */
    record Built(Scenario scenario, ScenarioCode code) {}

    /**
     * The scenario record and its code. {@code sharedSim} serves scenarios without a target or
     * simulated service of their own; {@code clients} is the run's HTTP clients.
     */
    Built build(HttpClients clients, SimResource sharedSim, Integer defaultMaxConcurrency) {
        SimResource usedSim = target == null ? (sim != null ? sim : sharedSim) : null;
        if (sim != null) sim.scenario(name);
        String fixedTarget = target;
        HttpConfig base = http;
        Supplier<HttpConfig> config = memoize(() -> base.withBaseUrl(fixedTarget != null ? fixedTarget : usedSim != null ? usedSim.url() : null));
        Map<String, String> info = new LinkedHashMap<>();
        String others = String.join(", ", protocols.stream().map(Protocol::target).filter(java.util.Objects::nonNull).toList());
        info.put("target", fixedTarget != null ? fixedTarget : usedSim != null ? "built-in simulated service" : others.isEmpty() ? "(none)" : others);
        info.put("http", clients.clientFor(base));
        Balance balanced = balanceFor(usedSim);
        Supplier<Http.Setup> setup = memoize(() -> new Http.Setup(config.get(), clients.transport(config.get()), balanced));
        HttpProtocol httpModule = new HttpProtocol(setup);
        BiFunction<Http, Vu, UserFlow> perUser = users;
        UserFactory factory = perUser == null ? null : new HttpUsers(httpModule, perUser);
        List<Protocol<?>> modules = new ArrayList<>();
        modules.add(httpModule);
        modules.addAll(protocols);
        int max = maxConcurrency != null ? maxConcurrency
                : defaultMaxConcurrency != null ? defaultMaxConcurrency : Scenario.DEFAULT_MAX_CONCURRENCY;
        List<Analysis> all = new ArrayList<>();
        if (balanced != null) all.add(balanced);
        all.addAll(analyses);
        Scenario scenario = new Scenario(name, phases, pacing, max, spacing, seed != null ? seed : name.hashCode(),
                assertions, info, all, guardrails);
        return new Built(scenario, new ScenarioCode(factory, hook(this.setup, httpModule), hook(teardown, httpModule), modules));
    }

    /**
     * Each user's flow with its {@link Http}, the client of the scenario's {@code http} module (the
     * same one {@code vu.client("http")} gives, closed with the user's other clients); before the
     * load, connections to the scenario's target.
     */
    private record HttpUsers(HttpProtocol http, BiFunction<Http, Vu, UserFlow> perUser) implements UserFactory {
        @Override
        public UserFlow create(Vu vu) {
            return perUser.apply(vu.client(HttpProtocol.NAME, Http.class), vu);
        }

        @Override
        public void prepare(int concurrency, java.time.Duration within) {
            http.prepare(concurrency, within);
        }
    }

    /** The balance analysis asked for, completed from the simulated service's backends; or the sim's own when it has several. */
    private Balance balanceFor(SimResource usedSim) {
        SimConfig sim = usedSim == null ? null : usedSim.config();
        Balance b = balance;
        if (b == null && sim != null && sim.backends().size() > 1) b = Balance.byHeader(Balance.DEFAULT_HEADER);
        if (b == null) return null;
        if (sim != null && !b.byTarget() && b.header().equalsIgnoreCase(Balance.DEFAULT_HEADER) && b.backends().isEmpty()) {
            Map<String, Double> weights = new LinkedHashMap<>(b.weights());
            if (sim.balancing() == Balancing.WEIGHTED && weights.isEmpty()) {
                for (BackendConfig bc : sim.backends()) weights.put(bc.name(), bc.weight());
            }
            b = b.withBackends(sim.backendNames(), weights);
        }
        return b;
    }

    private static Hook hook(HttpHook h, HttpProtocol http) {
        if (h == null) return null;
        return vu -> {
            try (Http client = http.open(vu)) {
                return h.run(client, vu);
            }
        };
    }

    private static <T> Supplier<T> memoize(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) value = s.get();
                return value;
            }
        };
    }
}
