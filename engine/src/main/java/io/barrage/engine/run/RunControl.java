package io.barrage.engine.run;

/**
 * Everything a person (REPL) or a program (control API) can do to a running test. Each accepted
 * command becomes a timestamped {@link RunEvent} with its origin. {@code scenario} null means every
 * scenario the command applies to. Bad values throw {@link IllegalArgumentException} with a
 * one-line message and change nothing.
 */
public interface RunControl extends RunStatusSource, PauseControl, LoadControl, PhaseControl, FaultControl, StopControl {}
