package io.barrage.http;

import java.util.List;
import java.util.Map;

/**
 * What a transport hands back for a completed exchange. Header names are lower-case; a transport
 * may parse the map lazily, on first use.
 *
 * @param setsCookies whether a Set-Cookie header came (so the caller need not look the map up)
 */
public record TransportResponse(int status, String reason, Map<String, List<String>> headers, byte[] body, String protocol,
                                boolean setsCookies) {

    public TransportResponse(int status, String reason, Map<String, List<String>> headers, byte[] body, String protocol) {
        this(status, reason, headers, body, protocol, headers.containsKey("set-cookie"));
    }
}
