package io.barrage.engine.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import io.barrage.engine.output.OutputSpec;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JDK's HTTP server as barrage runs it (the control API, the simulated service): what a request
 * from the network does never reaches the console, and every answer fits its request — a HEAD gets
 * the headers a GET would, with no body; a 204 or 304 no body at all.
 */
public final class JdkHttpServers {
    /**
     * The JDK server's own log ({@code System.getLogger("com.sun.net.httpserver")}): its warnings
     * (such as "sendResponseHeaders: being invoked with a content length for a HEAD request") would
     * go to the console between the progress lines, and any client could make them. Kept off: no
     * level, no console handler. Held here because java.util.logging keeps loggers weakly.
     */
    private static final Logger SERVER_LOG = Logger.getLogger("com.sun.net.httpserver");

    static {
        SERVER_LOG.setUseParentHandlers(false);
        SERVER_LOG.setLevel(Level.OFF);
    }

    private JdkHttpServers() {}

    /** An unstarted server bound to {@code address}, with the JDK server's log kept off the console. */
    public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        return HttpServer.create(address, backlog);
    }

    /** {@code http://HOST:PORT} of a bound server ({@code [..]} around an IPv6 address). */
    public static String baseUrl(HttpServer server) {
        InetAddress a = server.getAddress().getAddress();
        String host = a.getHostAddress().contains(":") ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
        return "http://" + host + ":" + server.getAddress().getPort();
    }

    /**
     * Where an output that serves HTTP listens: its {@code host} (default 127.0.0.1) and {@code port}
     * settings.
     *
     * @throws IllegalArgumentException naming {@code output} and the bad setting
     */
    public static InetSocketAddress listenAddress(OutputSpec spec, String output, int defaultPort) {
        String p = spec.option("port", Integer.toString(defaultPort));
        int port;
        try {
            port = Integer.parseInt(p.trim());
            if (port < 0 || port > 65535) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("output " + output + ": port must be a number from 0 to 65535, not '" + p + "'");
        }
        String h = spec.option("host", "127.0.0.1");
        try {
            return new InetSocketAddress(InetAddress.getByName(h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("output " + output + ": unknown host '" + h + "'");
        }
    }

    /** The one-line refusal of an address that is taken. */
    public static IllegalArgumentException cannotListen(String output, InetSocketAddress at, BindException e) {
        return new IllegalArgumentException("output " + output + ": cannot listen on " + at.getAddress().getHostAddress() + ":" + at.getPort() + " (" + e.getMessage() + ")");
    }

    /** True for a HEAD request: answered as the GET, with no body. */
    public static boolean isHead(HttpExchange ex) {
        return "HEAD".equals(ex.getRequestMethod());
    }

    /**
     * Sends {@code status} with {@code body} (set Content-Type first). A HEAD request gets the headers
     * alone, with the Content-Length the body would have; a 1xx, 204 or 304 gets no body.
     */
    public static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        if ((status >= 100 && status < 200) || status == 204 || status == 304) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        if (isHead(ex)) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
