package io.barrage.engine.results;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tags of histograms in {@code intervals.hlog}. HdrHistogram log tags may not hold spaces or
 * commas, so a tag is {@code key=value} pairs joined by {@code ;} with {@code %}, space, comma,
 * {@code ;} and {@code =} percent-encoded, e.g. {@code metric=latency;scenario=checkout;step=GET%20/cart;phase=steady}.
 */
public final class HlogTags {
    private HlogTags() {}

    public static String encode(Map<String, String> pairs) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            if (e.getValue() == null) continue;
            if (b.length() > 0) b.append(';');
            b.append(escape(e.getKey())).append('=').append(escape(e.getValue()));
        }
        return b.toString();
    }

    public static Map<String, String> decode(String tag) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tag == null || tag.isEmpty()) return out;
        for (String part : tag.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) continue;
            out.put(unescape(part.substring(0, eq)), unescape(part.substring(eq + 1)));
        }
        return out;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c <= ' ' || c == '%' || c == ',' || c == ';' || c == '=' || c >= 0x7f) {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                 .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            } else {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    static String unescape(String s) {
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out[n++] = (byte) Integer.parseInt(s.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
