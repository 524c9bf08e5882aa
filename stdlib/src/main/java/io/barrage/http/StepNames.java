package io.barrage.http;

/**
 * Default step names: {@code METHOD /path/template}, so that stats group by endpoint rather than by
 * URL. The query string is dropped, and path segments that look like ids (numbers, UUIDs, long hex
 * strings) become {@code {id}}: {@code GET /items/42?x=1} is counted as {@code GET /items/{id}}.
 */
public final class StepNames {
    private StepNames() {}

    public static String of(String method, String pathOrTemplate) {
        return method + " " + template(pathOrTemplate);
    }

    /** The path of a URL or path, query dropped, id-like segments replaced by {@code {id}}. */
    public static String template(String pathOrUrl) {
        String p = pathOrUrl;
        int scheme = p.indexOf("://");
        if (scheme >= 0) {
            int slash = p.indexOf('/', scheme + 3);
            p = slash < 0 ? "/" : p.substring(slash);
        }
        int end = p.length();
        int q = p.indexOf('?');
        if (q >= 0) end = q;
        int h = p.indexOf('#');
        if (h >= 0 && h < end) end = h;
        if (end == 0) return "/";
        StringBuilder b = null;
        int segStart = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || p.charAt(i) == '/') {
                if (i > segStart && looksLikeId(p, segStart, i)) {
                    if (b == null) b = new StringBuilder(end + 4).append(p, 0, segStart);
                    b.append("{id}");
                } else if (b != null) {
                    b.append(p, segStart, i);
                }
                if (i < end && b != null) b.append('/');
                segStart = i + 1;
            }
        }
        return b != null ? b.toString() : (end == p.length() ? p : p.substring(0, end));
    }

    /** A number, a UUID, or a hex string of 16 characters or more. */
    static boolean looksLikeId(String s, int from, int to) {
        int n = to - from;
        boolean digits = true, hex = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean d = c >= '0' && c <= '9';
            if (!d && !(c == '-' && i == from && n > 1)) digits = false;
            if (!d && !((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) hex = false;
        }
        if (digits || (hex && n >= 16)) return true;
        if (n != 36) return false;
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(from + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash != (c == '-')) return false;
            if (!dash && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
        }
        return true;
    }
}
