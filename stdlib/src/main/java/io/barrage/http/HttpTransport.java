package io.barrage.http;

import java.io.IOException;

/**
 * A client behind barrage's {@code http} API. It executes one exchange on the calling (virtual)
 * thread, fills the timing collector at the exact points it sees them, and throws an
 * {@link IOException} on failure; {@link HttpErrors} classifies it. One transport serves a whole run.
 */
public interface HttpTransport extends AutoCloseable {

    TransportResponse execute(HttpRequest request, TimingCollector timings) throws IOException;

    /** The client's name for summaries: {@code okhttp}, {@code lean}. */
    String name();

    @Override
    void close();
}
