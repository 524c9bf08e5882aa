package io.barrage.http.lean;

import io.barrage.http.HttpTransport;

/**
 * One user's connections. A sticky session (a closed-model user) keeps a connection per target
 * between calls; otherwise each call borrows one from the target's pool and gives it back.
 */
final class LeanSession implements HttpTransport.Session {
    private static final int TARGETS = 4;

    final boolean sticky;
    private final LeanTransport owner;
    private final Connection[] held = new Connection[TARGETS];
    private boolean closed;

    LeanSession(LeanTransport owner, boolean sticky) {
        this.owner = owner;
        this.sticky = sticky;
    }

    /**
     * This user's kept connection to a target, taken out while a call uses it; or null (also when
     * the connection cannot serve the calling thread, which closes it).
     */
    Connection take(Origin origin) {
        for (int i = 0; i < TARGETS; i++) {
            Connection c = held[i];
            if (c != null && c.origin == origin) {
                held[i] = null;
                if (c.wire.usableHere()) return c;
                owner.discard(c);
                return null;
            }
        }
        return null;
    }

    /** Keeps a connection after a call; past {@value #TARGETS} targets the oldest kept one is closed. */
    void keep(Connection c) {
        if (closed) {
            owner.discard(c);
            return;
        }
        for (int i = 0; i < TARGETS; i++) {
            if (held[i] == null) {
                held[i] = c;
                return;
            }
        }
        owner.discard(held[0]);
        System.arraycopy(held, 1, held, 0, TARGETS - 1);
        held[TARGETS - 1] = c;
    }

    @Override
    public void close() {
        closed = true;
        for (int i = 0; i < TARGETS; i++) {
            if (held[i] != null) owner.discard(held[i]);
            held[i] = null;
        }
    }
}
