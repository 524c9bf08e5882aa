package io.barrage.engine.user;

/** Creates the flow of one virtual user (its own state: cookies, connections, script delegate). */
@FunctionalInterface
public interface UserFactory {

    UserFlow create(Vu vu);

    /** A factory whose users all share one stateless flow. */
    static UserFactory of(UserFlow flow) {
        return vu -> flow;
    }
}
