package io.barrage.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.barrage.engine.loop.EventLoop;
import io.barrage.engine.testing.OnEventLoop;
import io.barrage.http.lean.LeanTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP behaviour suite with the lean client called from an event loop's virtual thread, as a
 * run's users call it: plain connections are then the loop's own sockets.
 */
@ExtendWith(OnEventLoop.class)
class LoopBehaviourTest extends LeanBehaviourTest {

    @Test
    void plainConnectionsAreTheLoopsOwnSockets() throws Exception {
        assertThat(EventLoop.current()).isNotNull();
        server.enqueue(ok("one").build());
        server.enqueue(ok("two").build());
        HttpConfig c = configure(HttpConfig.of(server.url("/").toString()));
        LeanTransport lean = (LeanTransport) clients.transport(c);
        Http http = new Http(c, lean, vus.newVu());
        assertThat(http.get("/a").getText()).isEqualTo("one");
        assertThat(http.get("/b").getText()).isEqualTo("two");
        assertThat(lean.connectionsOpenedOnLoops()).isEqualTo(1);
        assertThat(lean.connectionsOpened()).isEqualTo(1);
    }
}
