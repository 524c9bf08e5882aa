package io.barrage.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One request as a transport executes it: absolute URI, headers (names as given), body bytes.
 *
 * @param timeout the whole-call timeout, or null for the client's default
 * @param user    the global index of the virtual user making it (transports may keep connections per user)
 */
public record HttpRequest(String method, URI uri, Map<String, List<String>> headers, byte[] body, String contentType,
                          Duration timeout, long user) {

    public HttpRequest {
        headers = headers == null ? Map.of() : headers;
    }

    public boolean hasBody() {
        return body != null;
    }
}
