package io.barrage.cli;

/** Bad input from the user (a missing file, a malformed option value): one line, exit 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
