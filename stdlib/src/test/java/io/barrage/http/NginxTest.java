package io.barrage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.barrage.engine.testing.TestVus;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both clients against a real nginx on loopback (started here on a free port, stopped after):
 * small and large bodies, gzip with chunked encoding, 404, HEAD, many calls on one connection.
 * Skipped where nginx is not installed ({@code .ci/run} installs it).
 */
@Timeout(60)
class NginxTest {
    static final String NGINX = "/usr/sbin/nginx";
    @TempDir static Path prefix;
    static Process nginx;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(NGINX)), "nginx is not installed");
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("html"));
        Files.writeString(prefix.resolve("html/big.txt"), "barrage ".repeat(20_000));
        Files.writeString(prefix.resolve("nginx.conf"), """
                pid nginx.pid;
                error_log logs/error.log warn;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path tmp; proxy_temp_path tmp; fastcgi_temp_path tmp; uwsgi_temp_path tmp; scgi_temp_path tmp;
                    gzip on; gzip_types text/plain; gzip_min_length 1;
                    server {
                        listen 127.0.0.1:%d;
                        root html;
                        location = /fast { default_type text/plain; gzip off; return 200 "ok"; }
                        location = /big.txt { }
                        location / { return 404; }
                    }
                }
                """.formatted(port));
        Files.createDirectories(prefix.resolve("tmp"));
        nginx = new ProcessBuilder(NGINX, "-p", prefix + "/", "-c", "nginx.conf", "-e", "logs/error.log", "-g", "daemon off; master_process off;")
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !nginx.isAlive()) {
                    throw new IllegalStateException("nginx did not start: " + Files.readString(prefix.resolve("logs/stdout.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lean", "okhttp"})
    void nginxAnswersEveryKindOfCall(String client) {
        TestVus vus = new TestVus();
        try (HttpClients clients = new HttpClients(client)) {
            HttpConfig c = HttpConfig.of("http://127.0.0.1:" + port);
            try (Http http = new Http(c, clients.transport(c), vus.newVu())) {
                for (int i = 0; i < 200; i++) assertThat(http.get("/fast").getText()).isEqualTo("ok");
                HttpResponse big = http.get("/big.txt");
                assertThat(big.getBody()).hasSize(160_000);
                assertThat(big.header("content-length")).isEqualTo("160000");
                assertThat(http.head("/big.txt").getBody()).isEmpty();
                assertThat(http.get("/missing").getStatus()).isEqualTo(404);
                assertThat(http.get("/fast").getText()).isEqualTo("ok");
            }
            HttpConfig gz = c.withCompression(true);
            try (Http http = new Http(gz, clients.transport(gz), vus.newVu())) {
                HttpResponse r = http.get("/big.txt");   // gzip, chunked: nginx does not know the length ahead
                assertThat(r.getText()).isEqualTo("barrage ".repeat(20_000));
            }
        }
        vus.flush();
        assertThat(vus.requests("GET /fast")).isEqualTo(201);
    }
}
