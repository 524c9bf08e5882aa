package io.barrage.http;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Headers that every request of a scenario sends, kept once and encoded once: the request's
 * {@code Name: value\r\n} lines are written from {@link #encoded()} without re-encoding.
 */
public final class HeaderBlock {
    public static final HeaderBlock EMPTY = new HeaderBlock(Map.of());

    private final Map<String, String> values;
    private final byte[] encoded;

    public HeaderBlock(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> {
            HeaderBlock.check(k, v);
            copy.put(k, v);
            b.append(k).append(": ").append(v).append("\r\n");
        });
        this.values = Collections.unmodifiableMap(copy);
        this.encoded = b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    public Map<String, String> values() {
        return values;
    }

    /** The value of a header, case-insensitive, or null. */
    public String get(String name) {
        for (Map.Entry<String, String> h : values.entrySet()) if (h.getKey().equalsIgnoreCase(name)) return h.getValue();
        return null;
    }

    /** The headers as {@code Name: value\r\n} lines in ISO-8859-1. Do not modify. */
    public byte[] encoded() {
        return encoded;
    }

    /**
     * Refuses a header a server could misread: a name that is not an HTTP token, a value with a
     * line break or a character outside ISO-8859-1.
     *
     * @throws IllegalArgumentException naming the header
     */
    public static void check(String name, String value) {
        if (name.isEmpty()) throw new IllegalArgumentException("a header name is empty");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("header name '" + name + "' has a character HTTP does not allow: '" + c + "'");
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c == 127 || c > 255) {
                throw new IllegalArgumentException("the value of header '" + name + "' has a character HTTP does not allow at "
                        + (i + 1) + " (U+" + String.format("%04X", (int) c) + ")");
            }
        }
    }
}
