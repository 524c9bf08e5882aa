package io.barrage.http;

import io.barrage.engine.user.Protocol;
import io.barrage.engine.user.Vu;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * HTTP as a protocol module: each virtual user gets its own {@link Http} (its cookies) on the
 * scenario's target, through the scenario's transport (barrage's lean client or OkHttp). Every
 * scenario built by the Java API or the DSL has it, under the name {@code http}.
 */
public final class HttpProtocol implements Protocol<Http> {
    public static final String NAME = "http";
    private final Supplier<Http.Setup> setup;

    /** @param setup the scenario's configuration and transport, made when the run first needs them */
    public HttpProtocol(Supplier<Http.Setup> setup) {
        this.setup = setup;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Http open(Vu vu) {
        return new Http(setup.get(), vu);
    }

    @Override
    public void close(Http client) {
        client.close();
    }

    /** Connections to the scenario's target (its relative paths' base), for the calls the load starts with. */
    public void prepare(int concurrency, Duration within) {
        Http.Setup s = setup.get();
        if (s.config().baseUrl() != null) s.transport().prepare(s.config().baseUrl(), concurrency, within);
    }
}
