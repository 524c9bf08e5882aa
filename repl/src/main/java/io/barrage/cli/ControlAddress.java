package io.barrage.cli;

import io.barrage.engine.control.ControlServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;

/** {@code --control [HOST:]PORT}: where the control API listens, and starting it with its token. */
record ControlAddress(String host, int port) {
    static final String TOKEN_ENV = "BARRAGE_TOKEN";

    static ControlAddress parse(String text) {
        return parse(text, "--control");
    }

    /** {@code [HOST:]PORT} of {@code option} (default host 127.0.0.1). */
    static ControlAddress parse(String text, String option) {
        String host = "127.0.0.1", port = text.trim();
        int colon = port.lastIndexOf(':');
        if (colon >= 0) {
            host = port.substring(0, colon);
            port = port.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            if (host.isEmpty()) throw new UsageException(option + " '" + text + "': give a host before ':' or only a port");
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65535) throw new NumberFormatException();
            return new ControlAddress(host, p);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " '" + text + "' is not [HOST:]PORT, such as 7070 or 127.0.0.1:7070");
        }
    }

    /** A bound API, not answering yet, with the token it takes. */
    record Bound(ControlServer api, String token, boolean explicit) {
        /** Says where the API is and how to reach it (the token, when barrage made it). */
        void announce(PrintWriter out) {
            out.println("control API on " + api.url() + (explicit ? " (token as given)" : " · token " + token)
                    + " · barrage attach " + api.url() + (explicit ? "" : " --token " + token));
            out.flush();
        }
    }

    /**
     * Binds the API (before the run starts, so a bad address or a port in use is a usage error with
     * nothing run): the token from the option, the environment, or a new one.
     */
    Bound bind(String option) throws IOException {
        String env = System.getenv(TOKEN_ENV);
        String token = option != null ? option : env != null && !env.isBlank() ? env.trim() : null;
        boolean explicit = token != null;
        if (token == null) token = ControlServer.newToken();
        try {
            return new Bound(ControlServer.bind(host, port, token, explicit), token, explicit);
        } catch (BindException e) {
            throw new IOException("--control: port " + port + " on " + host + " is in use: pick another, or 0 for a free one");
        }
    }
}
