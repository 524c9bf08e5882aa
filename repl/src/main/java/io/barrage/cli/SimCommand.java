package io.barrage.cli;

import io.barrage.engine.model.Durations;
import io.barrage.sim.SimConfig;
import io.barrage.sim.SimService;
import java.io.PrintWriter;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code barrage sim}: the built-in simulated service, on loopback, until Ctrl-C. */
@Command(name = "sim", description = "Serve the built-in simulated service on 127.0.0.1 until Ctrl-C.",
        footer = {"", "Routes: /fast /slow /json /items /items/{id} /login /cart /status/{code} /error /echo /metrics"})
final class SimCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "Port on 127.0.0.1; 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--latency", paramLabel = "MIN[..MAX]", defaultValue = "0ms", description = "Latency added to each response but /fast, e.g. 5ms..20ms (default: ${DEFAULT-VALUE}).")
    String latency;

    @Option(names = "--errors", paramLabel = "PERCENT", defaultValue = "0%", description = "Share of responses that fail, e.g. 1% (default: ${DEFAULT-VALUE}).")
    String errors;

    @Option(names = "--error-status", defaultValue = "500", description = "Status of the failing responses (default: ${DEFAULT-VALUE}).")
    int errorStatus;

    @Override
    public Integer call() throws Exception {
        SimConfig config;
        try {
            String[] range = latency.split("\\.\\.", 2);
            Duration min = Durations.parse(range[0]);
            Duration max = range.length > 1 ? Durations.parse(range[1]) : min;
            String e = errors.trim().endsWith("%") ? errors.trim().substring(0, errors.trim().length() - 1) : errors.trim();
            double rate;
            try {
                rate = Double.parseDouble(e) / 100;
            } catch (NumberFormatException nfe) {
                throw new IllegalArgumentException("--errors '" + errors + "' is not a percentage such as 1%");
            }
            config = new SimConfig(port, min, max, rate, errorStatus);
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
        out.println("simulated service on " + sim.url() + " (latency " + latency + ", errors " + errors + "); Ctrl-C stops it");
        out.println("routes: /fast /slow /json /items /items/{id} /login /cart /status/{code} /error /echo /metrics");
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stop.countDown();
        }));
        stop.await();
        return 0;
    }
}
