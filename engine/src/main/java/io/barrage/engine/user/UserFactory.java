package io.barrage.engine.user;

/** Creates the flow of one virtual user (its own state: cookies, connections, script delegate). */
@FunctionalInterface
public interface UserFactory {

    UserFlow create(Vu vu);

    /**
     * Before the load's clock starts, makes ready what the first calls would otherwise make on it —
     * the kept-alive connections of an HTTP pool — for about {@code concurrency} calls in flight at
     * once, returning within {@code within}. The run calls it on each carrier of the load (an event
     * loop's virtual thread, or one of the JDK's scheduler) with that carrier's share. It records
     * nothing: a target that cannot be reached is for the first calls to meet and report. Default:
     * nothing.
     */
    default void prepare(int concurrency, java.time.Duration within) {}

    /** A factory whose users all share one stateless flow. */
    static UserFactory of(UserFlow flow) {
        return vu -> flow;
    }
}
