package io.barrage.http;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One request as a transport executes it.
 *
 * @param defaults    the headers every request of the scenario sends (User-Agent, the scenario's
 *                    own); one instance per scenario, so a transport may keep it encoded
 * @param headers     this call's own headers (names as given); a name here replaces a default
 * @param body        the body, or null
 * @param bodyStream  a body read from a stream (sent chunked), or null
 * @param timeout     the whole-call timeout, or null for none
 * @param user        the global index of the virtual user making it
 */
public record HttpRequest(String method, URI uri, HeaderBlock defaults, Map<String, String> headers, byte[] body,
                          InputStream bodyStream, String contentType, Duration timeout, long user) {

    public HttpRequest {
        if (defaults == null) defaults = HeaderBlock.EMPTY;
        if (headers == null) headers = Map.of();
    }

    public boolean hasBody() {
        return body != null || bodyStream != null;
    }

    /** GET, HEAD, PUT, DELETE, OPTIONS, TRACE: safe to send twice (RFC 9110 §9.2.2). */
    public boolean idempotent() {
        return switch (method) {
            case "GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE" -> bodyStream == null;
            default -> false;
        };
    }

    /** The value of a header as this request sends it (its own, else the default), case-insensitive; or null. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers.entrySet()) if (h.getKey().equalsIgnoreCase(name)) return h.getValue();
        return defaults.get(name);
    }
}
