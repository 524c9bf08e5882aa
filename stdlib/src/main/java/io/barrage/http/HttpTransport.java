package io.barrage.http;

import java.io.IOException;

/**
 * A client behind barrage's {@code http} API. It executes one exchange on the calling (virtual)
 * thread, fills the timing collector at the exact points it sees them, and throws an
 * {@link IOException} on failure; {@link HttpErrors} classifies it. One transport serves a whole run.
 */
public interface HttpTransport extends AutoCloseable {

    /**
     * Executes one exchange.
     *
     * @param session the calling user's own state in this transport (its kept-alive connections)
     */
    TransportResponse execute(HttpRequest request, TimingCollector timings, Session session) throws IOException;

    /**
     * A new user's state. A {@code sticky} session keeps its connections between calls (a closed-model
     * user looping over iterations); otherwise a connection goes back to the target's pool after each call.
     */
    default Session session(boolean sticky) {
        return Session.NONE;
    }

    /**
     * Before the load: opens up to {@code connections} kept-alive connections to {@code origin}'s
     * scheme, host and port and keeps them in the pool, for the first calls of the calling thread's
     * carrier (its event loop). Returns when they are open, when one fails, or after {@code within}
     * (or the connect timeout, if shorter); records nothing. Default: nothing (a client with a pool
     * of its own).
     */
    default void prepare(java.net.URI origin, int connections, java.time.Duration within) {}

    /** The client's name for summaries: {@code okhttp}, {@code lean}. */
    String name();

    @Override
    void close();

    /** One user's state in a transport; closed when the user leaves. */
    interface Session extends AutoCloseable {
        Session NONE = () -> {};

        @Override
        void close();
    }
}
