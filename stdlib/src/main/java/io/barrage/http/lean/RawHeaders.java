package io.barrage.http.lean;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Response headers kept as the bytes they came in and parsed into a map only when someone reads
 * them (a check, the script, cookies): most load-test calls never look. Names are lower-case.
 */
final class RawHeaders extends AbstractMap<String, List<String>> {
    private final byte[] bytes;
    private Map<String, List<String>> parsed;

    /** @param bytes header lines, each ending in CRLF, without the status line and the blank line */
    RawHeaders(byte[] bytes) {
        this.bytes = bytes;
    }

    private Map<String, List<String>> map() {
        Map<String, List<String>> m = parsed;
        if (m == null) {
            m = new LinkedHashMap<>();
            int i = 0;
            while (i < bytes.length) {
                int eol = i;
                while (eol < bytes.length && bytes[eol] != '\n') eol++;
                int end = eol > i && bytes[eol - 1] == '\r' ? eol - 1 : eol;
                int colon = i;
                while (colon < end && bytes[colon] != ':') colon++;
                if (colon < end) {
                    String name = lower(i, colon);
                    int v = colon + 1, ve = end;
                    while (v < ve && (bytes[v] == ' ' || bytes[v] == '\t')) v++;
                    while (ve > v && (bytes[ve - 1] == ' ' || bytes[ve - 1] == '\t')) ve--;
                    m.computeIfAbsent(name, k -> new ArrayList<>(1)).add(new String(bytes, v, ve - v, StandardCharsets.ISO_8859_1));
                }
                i = eol + 1;
            }
            parsed = m;
        }
        return m;
    }

    private String lower(int from, int to) {
        char[] c = new char[to - from];
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xff;
            c[i - from] = (char) (b >= 'A' && b <= 'Z' ? b + 32 : b);
        }
        return new String(c);
    }

    @Override
    public List<String> get(Object key) {
        return map().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map().containsKey(key);
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        return map().entrySet();
    }
}
