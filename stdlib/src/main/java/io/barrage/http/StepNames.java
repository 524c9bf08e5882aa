package io.barrage.http;

import java.util.regex.Pattern;

/**
 * Default step names: {@code METHOD /path/template}, so that stats group by endpoint rather than by
 * URL. The query string is dropped, and path segments that look like ids (numbers, UUIDs, long hex
 * strings) become {@code {id}}: {@code GET /items/42?x=1} is counted as {@code GET /items/{id}}.
 */
public final class StepNames {
    private StepNames() {}

    private static final Pattern NUMBER = Pattern.compile("-?\\d+");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{16,}");

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
        int q = p.indexOf('?');
        if (q >= 0) p = p.substring(0, q);
        int h = p.indexOf('#');
        if (h >= 0) p = p.substring(0, h);
        if (p.isEmpty()) return "/";
        String[] parts = p.split("/", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) b.append('/');
            String s = parts[i];
            if (NUMBER.matcher(s).matches() || UUID.matcher(s).matches() || HEX.matcher(s).matches()) b.append("{id}");
            else b.append(s);
        }
        return b.toString();
    }
}
