package io.barrage.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** The status JSON of the control API as the REPL prints it: a header line and a row per scenario. */
final class StatusTable {
    private StatusTable() {}

    static String render(JsonNode s) {
        StringBuilder b = new StringBuilder();
        b.append(s.path("name").asText("run")).append(" · ").append(s.path("state").asText())
         .append(" · ").append(Fmt.seconds(s.path("elapsedSeconds").asDouble())).append(s.path("paused").asBoolean() ? " · PAUSED" : "");
        if (s.has("status")) b.append(" · ").append(s.get("status").asText()).append(" (exit ").append(s.path("exitCode").asInt()).append(')');
        b.append('\n');
        // target and achieved over the last second, as the progress line; "now" is what the plan asks for
        // at this moment (a live change shows there at once)
        Table t = new Table("  ", "scenario", "phase", "now", "target", "achieved", "req/s", "in flight", "p50", "p95", "p99",
                "requests", "errors", "iter. failed", "dropped");
        for (JsonNode x : s.path("scenarios")) {
            boolean open = "open".equals(x.path("model").asText());
            String unit = open ? "/s" : " users";
            int index = x.path("phaseIndex").asInt(), count = x.path("phaseCount").asInt();
            String phase = index >= count ? x.path("phase").asText() : x.path("phase").asText() + " " + (index + 1) + "/" + count
                    + " " + Fmt.seconds(x.path("phaseElapsedSeconds").asDouble()) + "/" + Fmt.seconds(x.path("phaseDurationSeconds").asDouble());
            long requests = x.path("requests").asLong(), errors = x.path("errors").asLong();
            t.row(x.path("name").asText() + (x.path("paused").asBoolean() ? " (paused)" : ""), phase,
                    Fmt.num(x.path("target").asDouble()) + unit, Fmt.num(x.path("intervalTarget").asDouble()) + unit,
                    Fmt.num(x.path("achieved").asDouble()) + unit,
                    Fmt.num(x.path("rps").asDouble()), Integer.toString(x.path("inFlight").asInt()),
                    ms(x.get("p50")), ms(x.get("p95")), ms(x.get("p99")), Fmt.count(requests),
                    requests == 0 ? "0" : Fmt.pct((double) errors / requests), Fmt.count(x.path("iterationErrors").asLong()),
                    open ? Fmt.count(x.path("dropped").asLong()) : "-");
        }
        b.append(t.render());
        JsonNode a = s.path("assertions");
        if (a.isArray() && !a.isEmpty()) {
            StringBuilder line = new StringBuilder("  so far:");
            for (JsonNode r : a) line.append("  ").append(r.path("passed").asBoolean() ? "✓ " : "✗ ").append(r.path("text").asText()).append(' ').append(r.path("actual").asText());
            b.append(line).append('\n');
        }
        return b.toString();
    }

    private static String ms(JsonNode n) {
        return n == null || n.isNull() ? "-" : Fmt.ms(n.asDouble());
    }
}
