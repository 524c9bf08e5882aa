package io.barrage.http;

import io.barrage.engine.testing.OnEventLoop;
import org.junit.jupiter.api.extension.ExtendWith;

/** Malformed responses met from an event loop's virtual thread: the loop's sockets for the lean client, the JDK's for OkHttp. */
@ExtendWith(OnEventLoop.class)
class LoopMalformedResponseTest extends MalformedResponseTest {
}
