package io.barrage.cli;

import io.barrage.engine.format.Durations;
import io.barrage.sim.Balancing;
import io.barrage.sim.Fault;
import io.barrage.sim.HealthCheck;
import io.barrage.sim.LatencyModel;
import io.barrage.sim.SimConfig;
import io.barrage.sim.SimService;
import java.io.PrintWriter;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code barrage sim}: the built-in simulated service — backends behind a balancer — on loopback, until Ctrl-C. */
@Command(name = "sim", addMethodSubcommands = false, description = "Serve the built-in simulated service (backends behind a balancer) on 127.0.0.1 until Ctrl-C.",
        footer = {"", "Routes: /fast /slow /json /items /items/{id} /login /cart /status/{code} /error /echo /metrics",
                "Each response names its backend in X-Backend. GET /_sim shows the backends; faults at run time:",
                "  curl -X POST localhost:8080/_sim/faults -d '{\"fault\":\"down\",\"backend\":\"b3\"}'",
                "  curl -X DELETE localhost:8080/_sim/faults"})
final class SimCommand implements Callable<Integer> {
    @Mixin HelpOption helpOption;

    @Spec CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "Port on 127.0.0.1; 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--backends", defaultValue = "1", description = "Backends behind the balancer, named b1..bN (default: ${DEFAULT-VALUE}).")
    int backends;

    @Option(names = "--balancer", defaultValue = "round-robin",
            description = "round-robin, random, least-connections, weighted, hash (default: ${DEFAULT-VALUE}).")
    String balancer;

    @Option(names = "--hash-header", paramLabel = "NAME", description = "With --balancer hash: the header hashed (default: the path).")
    String hashHeader;

    @Option(names = "--weights", paramLabel = "W1,W2,...", split = ",", description = "With --balancer weighted: each backend's weight, in order, e.g. 3,1,1.")
    List<Double> weights = new ArrayList<>();

    @Option(names = "--latency", paramLabel = "LATENCY", defaultValue = "0ms",
            description = "Each backend's latency (not /fast): 5ms, 5ms..20ms, normal(20ms,5ms), lognormal(20ms,0.5), +1%%:300ms for a tail (default: ${DEFAULT-VALUE}).")
    String latency;

    @Option(names = "--errors", paramLabel = "PERCENT", defaultValue = "0%", description = "Share of responses that fail, e.g. 1%% (default: ${DEFAULT-VALUE}).")
    String errors;

    @Option(names = "--error-status", defaultValue = "500", description = "Status of the failing responses (default: ${DEFAULT-VALUE}).")
    int errorStatus;

    @Option(names = "--capacity", defaultValue = "0", description = "Requests each backend serves at once; more queue (default: ${DEFAULT-VALUE}, no limit).")
    int capacity;

    @Option(names = "--health-check", paramLabel = "INTERVAL|off", defaultValue = "1s",
            description = "The balancer's health check interval, or off to keep sending to dead backends (default: ${DEFAULT-VALUE}).")
    String healthCheck;

    @Option(names = "--upstream-timeout", defaultValue = "5s", description = "How long the balancer waits for a hanging backend before a 504 (default: ${DEFAULT-VALUE}).")
    String upstreamTimeout;

    @Option(names = "--fault", paramLabel = "KIND:BACKEND[:ARG]",
            description = "A fault from the start: down:b3, hang:b3, partition:b3, slow:b2:200ms, errors:b1:20%% (BACKEND 'all' for every one). Repeatable.")
    List<String> faults = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        SimConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        SimService sim;
        try {
            sim = SimService.start(config);
        } catch (BindException e) {
            throw new UsageException("port " + port + " is in use: pick another with --port, or --port 0 for a free one");
        }
        PrintWriter out = spec.commandLine().getOut();
        sim.listen((message, data) -> {
            out.println(message);
            out.flush();
        });
        out.println("simulated service on " + sim.url() + ": " + config.backends().size() + " backend" + (config.backends().size() == 1 ? "" : "s")
                + " (" + String.join(", ", config.backendNames()) + ") behind " + balancer + ", health check " + config.health().describe()
                + "; latency " + LatencyModel.parse(latency).describe() + ", errors " + errors);
        if (!config.faults().isEmpty()) out.println("faults on: " + String.join(", ", config.faults().stream().map(Fault::describe).toList()));
        out.println("routes: /fast /slow /json /items /items/{id} /login /cart /status/{code} /error /echo /metrics · state: GET /_sim · Ctrl-C stops it");
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stop.countDown();
        }));
        stop.await();
        return 0;
    }

    SimConfig config() {
        LatencyModel l = LatencyModel.parse(latency);
        double rate = percent("--errors", errors);
        Balancing b = Balancing.of(balancer);
        if (hashHeader != null && b != Balancing.HASH) throw new IllegalArgumentException("--hash-header is for --balancer hash only");
        if (!weights.isEmpty() && b != Balancing.WEIGHTED) throw new IllegalArgumentException("--weights is for --balancer weighted only");
        if (!weights.isEmpty() && weights.size() != backends) {
            throw new IllegalArgumentException("--weights gives " + weights.size() + " weights for " + backends + " backends");
        }
        HealthCheck h = healthCheck.equals("off") ? HealthCheck.OFF : HealthCheck.every(Durations.parse(healthCheck));
        SimConfig c = SimConfig.defaults().withPort(port)
                .withEachBackend(x -> x.withLatency(l).withErrors(rate, errorStatus).withCapacity(capacity))
                .withBackends(backends)
                .withBalancing(b, hashHeader).withHealth(h).withUpstreamTimeout(Durations.parse(upstreamTimeout));
        for (int i = 0; i < weights.size(); i++) {
            double w = weights.get(i);
            c = c.withBackend("b" + (i + 1), x -> x.withWeight(w));
        }
        List<Fault> list = new ArrayList<>();
        for (String f : faults) list.add(fault(f));
        return c.withFaults(list);
    }

    static Fault fault(String text) {
        String[] p = text.split(":", 3);
        if (p.length < 2) throw new IllegalArgumentException("--fault '" + text + "' is not KIND:BACKEND[:ARG], e.g. down:b3 or slow:b2:200ms");
        String backend = p[1].equals("all") ? null : p[1];
        Fault.Kind kind = Fault.Kind.of(p[0]);
        return switch (kind) {
            case SLOW -> {
                if (p.length < 3) throw new IllegalArgumentException("--fault '" + text + "': slow needs a latency, e.g. slow:b2:200ms");
                yield Fault.slow(backend, Durations.parse(p[2]));
            }
            case ERRORS -> {
                if (p.length < 3) throw new IllegalArgumentException("--fault '" + text + "': errors needs a share, e.g. errors:b1:20%");
                yield Fault.errors(backend, percent("--fault", p[2]), 500);
            }
            default -> new Fault(kind, backend, null, 0, 0);
        };
    }

    private static double percent(String option, String text) {
        String e = text.trim().endsWith("%") ? text.trim().substring(0, text.trim().length() - 1) : text.trim();
        try {
            return Double.parseDouble(e) / 100;
        } catch (NumberFormatException nfe) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a percentage such as 1%");
        }
    }
}
