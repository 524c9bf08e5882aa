package io.barrage.http;

import java.net.HttpCookie;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/** One virtual user's cookies: stored from Set-Cookie, sent back where domain and path match. Not thread-safe. */
public final class CookieJar {
    private final List<HttpCookie> cookies = new ArrayList<>(2);

    /** Stores the cookies of a response to a request for {@code uri}. */
    public void store(URI uri, List<String> setCookieHeaders) {
        for (String header : setCookieHeaders) {
            List<HttpCookie> parsed;
            try {
                parsed = HttpCookie.parse(header);
            } catch (IllegalArgumentException e) {
                continue;   // a malformed cookie is ignored, as browsers do
            }
            for (HttpCookie c : parsed) {
                if (c.getDomain() == null) c.setDomain(uri.getHost());
                if (c.getPath() == null) c.setPath(defaultPath(uri));
                cookies.removeIf(old -> old.getName().equals(c.getName())
                        && old.getDomain().equalsIgnoreCase(c.getDomain()) && old.getPath().equals(c.getPath()));
                if (c.getMaxAge() != 0) cookies.add(c);
            }
        }
    }

    /** The Cookie header value for a request to {@code uri}, or null if no cookie applies. */
    public String header(URI uri) {
        if (cookies.isEmpty()) return null;
        StringBuilder b = new StringBuilder();
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        boolean secure = "https".equalsIgnoreCase(uri.getScheme());
        for (Iterator<HttpCookie> it = cookies.iterator(); it.hasNext(); ) {
            HttpCookie c = it.next();
            if (c.hasExpired()) {
                it.remove();
                continue;
            }
            String domain = c.getDomain().toLowerCase(Locale.ROOT);
            boolean domainOk = host.equals(domain) || host.equals(domain.replaceFirst("^\\.", ""))
                    || HttpCookie.domainMatches(domain, host);
            if (!domainOk || !path.startsWith(c.getPath()) || (c.getSecure() && !secure)) continue;
            if (b.length() > 0) b.append("; ");
            b.append(c.getName()).append('=').append(c.getValue());
        }
        return b.length() == 0 ? null : b.toString();
    }

    public int size() {
        return cookies.size();
    }

    public void clear() {
        cookies.clear();
    }

    private static String defaultPath(URI uri) {
        String p = uri.getRawPath();
        if (p == null || p.isEmpty() || !p.startsWith("/")) return "/";
        int last = p.lastIndexOf('/');
        return last <= 0 ? "/" : p.substring(0, last);
    }
}
