package io.barrage.http;

import java.util.List;
import java.util.Map;

/** What a transport hands back for a completed exchange. Header names are lower-case. */
public record TransportResponse(int status, String reason, Map<String, List<String>> headers, byte[] body, String protocol) {}
