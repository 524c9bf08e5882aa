package io.barrage.engine.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.barrage.engine.testing.Console;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The JDK's HTTP server as barrage runs it: nothing a request does reaches the console. */
class JdkHttpServersTest {
    @Test
    void whatTheJdkServerWouldLogNeverReachesTheConsole() throws Exception {
        HttpServer server = JdkHttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        // what the JDK's server warns of: a content length for a HEAD request, a body with a 204
        server.createContext("/", ex -> {
            try (ex) {
                ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/empty") ? 204 : 200, 2);
            }
        });
        server.start();
        HttpClient client = HttpClient.newHttpClient();
        String seen;
        try (Console console = Console.capture()) {
            for (String path : new String[] {"/head", "/empty"}) {
                HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                        .timeout(Duration.ofSeconds(10)).method(path.equals("/head") ? "HEAD" : "GET", HttpRequest.BodyPublishers.noBody()).build();
                assertThat(client.send(r, HttpResponse.BodyHandlers.discarding()).statusCode()).isIn(200, 204);
            }
            seen = console.seen();
        } finally {
            server.stop(0);
        }
        assertThat(seen).isEmpty();
    }
}
