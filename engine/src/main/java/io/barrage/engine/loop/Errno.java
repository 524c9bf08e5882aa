package io.barrage.engine.loop;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;

/** Turns a failed call's errno into the exception, and the words, the JDK's own sockets use for it. */
final class Errno {
    private Errno() {}

    static String describe(int errno) {
        return switch (errno) {
            case NativeIo.EPIPE -> "Broken pipe";
            case NativeIo.ECONNRESET -> "Connection reset";
            case NativeIo.ECONNREFUSED -> "Connection refused";
            case NativeIo.ECONNABORTED -> "Software caused connection abort";
            case NativeIo.ETIMEDOUT -> "Connection timed out";
            case NativeIo.ENETUNREACH -> "Network is unreachable";
            case NativeIo.EHOSTUNREACH -> "No route to host";
            case NativeIo.EADDRNOTAVAIL -> "Cannot assign requested address";
            case NativeIo.EADDRINUSE -> "Address already in use";
            case NativeIo.ENOTCONN -> "Socket is not connected";
            case NativeIo.EBADF -> "Socket closed";
            default -> "errno " + errno;
        };
    }

    /** The exception for a failed connect. */
    static IOException connect(int errno) {
        String text = describe(errno);
        return switch (errno) {
            case NativeIo.ECONNREFUSED, NativeIo.ETIMEDOUT -> new ConnectException(text);
            case NativeIo.ENETUNREACH, NativeIo.EHOSTUNREACH -> new NoRouteToHostException(text);
            case NativeIo.EADDRNOTAVAIL, NativeIo.EADDRINUSE -> new BindException(text);
            default -> new ConnectException(text);
        };
    }

    /** The exception for a failed read or write on a connected socket. */
    static IOException io(int errno) {
        return new SocketException(describe(errno));
    }
}
