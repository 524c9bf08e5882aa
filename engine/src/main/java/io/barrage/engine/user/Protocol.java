package io.barrage.engine.user;

/**
 * A protocol module: what a scenario's users reach by name ({@code http} today; redis, websocket,
 * grpc, llm next). Registered with a scenario ({@code ScenarioBuilder.protocol}, the DSL's
 * {@code protocol}), it gives each virtual user its client on first use; the client records its
 * calls on the user's steps ({@link Vu#step}): the three timings of every call, and named timings
 * and counters of its own ({@code step.timing("ttft")}, {@code step.counter("tokens")}), which
 * reach the summary, every output and the assertions with no engine change per protocol.
 *
 * @param <C> the client type user code sees
 */
public interface Protocol<C> {

    /** How user code reaches it: {@code vu.client("redis")}, {@code client('redis')} in a script. Lower-case letters, digits and '_'. */
    String name();

    /** The client of one virtual user, made on its first use in that user (shared between users if the protocol wants). */
    C open(Vu vu) throws Exception;

    /** What its calls go to ({@code redis redis://127.0.0.1:6379}), shown as the target of a scenario with no HTTP target; null if it says nothing. */
    default String target() {
        return null;
    }

    /** The user is done (its iteration in the open model, its life in the closed one): release what {@link #open} took for it. */
    default void close(C client) {}
}
