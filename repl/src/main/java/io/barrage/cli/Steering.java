package io.barrage.cli;

import io.barrage.engine.control.ControlledRun;
import io.barrage.engine.control.RemoteRunControl;
import io.barrage.engine.run.Run;

/**
 * What the REPL steers: a run in this process, or one in another process through its control API
 * ({@link RemoteRunControl}). The commands act on the {@link ControlledRun} alike; only the origin
 * they are recorded with and where the REPL says it is attached differ.
 *
 * @param run    the run, in this process or remote
 * @param origin the origin of the commands: {@code repl}, or {@code attach} (recorded as "attach via api ADDRESS")
 * @param where  "this process" or the control API's URL
 */
record Steering(ControlledRun run, String origin, String where) {

    /** A run in this process. */
    static Steering local(Run run) {
        return new Steering(ControlledRun.of(run), "repl", "this process");
    }

    /** A run in another process, through its control API at {@code url}. */
    static Steering remote(String url, String token) {
        try {
            RemoteRunControl remote = new RemoteRunControl(url, token);
            return new Steering(remote, "attach", remote.url());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
