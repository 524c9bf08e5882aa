package io.barrage.engine.loop;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;

/**
 * {@link NativeIo} through the foreign function API (Java 22+): libc's epoll, eventfd and socket
 * calls, with errno captured per call. The short non-blocking calls are linked as critical (no
 * thread-state transition); epoll_pwait2, which sleeps, is not.
 */
final class FfmNativeIo implements NativeIo {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final long ERRNO = CAPTURE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERR = Linker.Option.captureCallState("errno");
    private static final Linker.Option SHORT = Linker.Option.critical(false);
    /** struct epoll_event is packed on x86-64 (12 bytes), naturally aligned elsewhere (16). */
    private static final boolean PACKED = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> true;
        default -> false;
    };
    private static final int EVENT_SIZE = PACKED ? 12 : 16;
    private static final int DATA_OFFSET = PACKED ? 4 : 8;
    private static final ValueLayout.OfLong DATA = JAVA_LONG.withByteAlignment(PACKED ? 4 : 8);
    private static final int MAX_EVENTS = 1024;
    private static final int AF_INET = 2, AF_INET6 = 10;
    private static final int SOCK_STREAM = 1, SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
    private static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2;
    private static final int EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000;
    private static final int IPPROTO_TCP = 6, TCP_NODELAY = 1, SOL_SOCKET = 1, SO_ERROR = 4, SO_REUSEADDR = 2;
    private static final int MSG_PEEK = 2, MSG_DONTWAIT = 0x40, MSG_NOSIGNAL = 0x4000;
    private static final int ENOSYS = 38;
    /** The 8-byte 1 that signals an eventfd; shared by every thread, never written after this. */
    private static final MemorySegment ONE = Arena.global().allocate(8, 8);
    /** sin_port and sin6_port are in network byte order. */
    private static final ValueLayout.OfShort PORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

    static {
        ONE.set(JAVA_LONG, 0, 1L);
    }

    private static final MethodHandle EPOLL_CREATE1 = fn("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT), ERR);
    private static final MethodHandle EPOLL_CTL = fn("epoll_ctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), ERR, SHORT);
    private static final MethodHandle EPOLL_PWAIT2 = fn("epoll_pwait2",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS), ERR);
    private static final MethodHandle EVENTFD = fn("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), ERR);
    private static final MethodHandle SOCKET = fn("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), ERR);
    private static final MethodHandle SETSOCKOPT = fn("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), ERR, SHORT);
    private static final MethodHandle GETSOCKOPT = fn("getsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), ERR, SHORT);
    private static final MethodHandle BIND = fn("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), ERR, SHORT);
    private static final MethodHandle CONNECT = fn("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), ERR, SHORT);
    private static final MethodHandle READ = fn("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), ERR, SHORT);
    private static final MethodHandle SEND = fn("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), ERR, SHORT);
    private static final MethodHandle SIGNAL = fn("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), SHORT);
    private static final MethodHandle RECV = fn("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), ERR, SHORT);
    private static final MethodHandle CLOSE = fn("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle PRCTL = fn("prctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
    private static final int PR_SET_TIMERSLACK = 29;
    private static final MethodHandle LISTEN = fn("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), ERR);
    private static final MethodHandle ACCEPT4 = fn("accept4", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT), ERR);
    private static final MethodHandle GETSOCKNAME = fn("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), ERR, SHORT);

    private static MethodHandle fn(String name, FunctionDescriptor d, Linker.Option... options) {
        MemorySegment symbol = LIBC.find(name).orElseThrow(() -> new UnsupportedOperationException("the C library has no " + name));
        return LINKER.downcallHandle(symbol, d, options);
    }

    private final Arena arena = Arena.ofAuto();
    private final MemorySegment errno = arena.allocate(CAPTURE);
    private final MemorySegment events = arena.allocate((long) EVENT_SIZE * MAX_EVENTS, 8);
    private final MemorySegment event = arena.allocate(16, 8);
    private final MemorySegment timeout = arena.allocate(16, 8);
    private final MemorySegment address = arena.allocate(32, 8);
    private final MemorySegment option = arena.allocate(8, 8);
    /**
     * Socket bytes pass through here, copied from and to the caller's arrays: a heap array handed to
     * the call directly needed two segment objects and a session per call (the JIT did not remove
     * them), and pinned the heap while the call ran.
     */
    private final MemorySegment buffer = arena.allocate(BUFFER, 64);
    private static final int BUFFER = 64 * 1024;

    /**
     * Checks that the process lets this module call native code (no warning would be printed) and
     * that the kernel has epoll_pwait2 (Linux 5.11+).
     *
     * @throws UnsupportedOperationException saying what is missing
     */
    FfmNativeIo() {
        if (!FfmNativeIo.class.getModule().isNativeAccessEnabled()) {
            throw new UnsupportedOperationException("native access is not enabled (--enable-native-access=ALL-UNNAMED)");
        }
        int ep = epollCreate();
        if (ep < 0) throw new UnsupportedOperationException("epoll_create1 failed: errno " + -ep);
        try {
            int r = epollWait(ep, 0);
            if (r == -ENOSYS) throw new UnsupportedOperationException("the kernel has no epoll_pwait2 (Linux 5.11+)");
            if (r < 0) throw new UnsupportedOperationException("epoll_pwait2 failed: errno " + -r);
        } finally {
            close(ep);
        }
    }

    private int errno() {
        return errno.get(JAVA_INT, ERRNO);
    }

    @Override
    public int epollCreate() {
        try {
            int r = (int) EPOLL_CREATE1.invokeExact(errno, EFD_CLOEXEC);
            return r < 0 ? -errno() : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public int epollAdd(int epfd, int fd, int events, long data) {
        event.set(JAVA_INT, 0, events);
        event.set(DATA, DATA_OFFSET, data);
        return ctl(epfd, EPOLL_CTL_ADD, fd);
    }

    @Override
    public int epollDelete(int epfd, int fd) {
        return ctl(epfd, EPOLL_CTL_DEL, fd);
    }

    private int ctl(int epfd, int op, int fd) {
        try {
            int r = (int) EPOLL_CTL.invokeExact(errno, epfd, op, fd, event);
            return r < 0 ? -errno() : 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public int epollWait(int epfd, long timeoutNanos) {
        MemorySegment ts = MemorySegment.NULL;
        if (timeoutNanos >= 0) {
            timeout.set(JAVA_LONG, 0, timeoutNanos / 1_000_000_000L);
            timeout.set(JAVA_LONG, 8, timeoutNanos % 1_000_000_000L);
            ts = timeout;
        }
        try {
            int r = (int) EPOLL_PWAIT2.invokeExact(errno, epfd, events, MAX_EVENTS, ts, MemorySegment.NULL);
            return r < 0 ? -errno() : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public long eventData(int i) {
        return events.get(DATA, (long) i * EVENT_SIZE + DATA_OFFSET);
    }

    @Override
    public int eventMask(int i) {
        return events.get(JAVA_INT, (long) i * EVENT_SIZE);
    }

    @Override
    public int eventfd() {
        try {
            int r = (int) EVENTFD.invokeExact(errno, 0, EFD_NONBLOCK | EFD_CLOEXEC);
            return r < 0 ? -errno() : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public void signal(int efd) {
        try {
            long ignored = (long) SIGNAL.invokeExact(efd, ONE, 8L);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public void drain(int efd) {
        try {
            long ignored = (long) READ.invokeExact(errno, efd, buffer, 8L);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public int socket(boolean ipv6) {
        try {
            int fd = (int) SOCKET.invokeExact(errno, ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (fd < 0) return -errno();
            option.set(JAVA_INT, 0, 1);
            int r = (int) SETSOCKOPT.invokeExact(errno, fd, IPPROTO_TCP, TCP_NODELAY, option, 4);
            if (r < 0) {
                int e = errno();
                close(fd);
                return -e;
            }
            return fd;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Fills {@link #address} with a sockaddr_in or sockaddr_in6; returns its length. */
    private int sockaddr(byte[] ip, int port, int scope) {
        address.fill((byte) 0);
        if (ip.length == 4) {
            address.set(JAVA_SHORT, 0, (short) AF_INET);
            address.set(PORT, 2, (short) port);
            MemorySegment.copy(ip, 0, address, JAVA_BYTE, 4, 4);
            return 16;
        }
        address.set(JAVA_SHORT, 0, (short) AF_INET6);
        address.set(PORT, 2, (short) port);
        MemorySegment.copy(ip, 0, address, JAVA_BYTE, 8, 16);
        address.set(JAVA_INT, 24, scope);
        return 28;
    }

    @Override
    public int bind(int fd, byte[] ip, int port, int scope) {
        int len = sockaddr(ip, port, scope);
        try {
            int r = (int) BIND.invokeExact(errno, fd, address, len);
            return r < 0 ? -errno() : 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public int connect(int fd, byte[] ip, int port, int scope) {
        int len = sockaddr(ip, port, scope);
        try {
            int r = (int) CONNECT.invokeExact(errno, fd, address, len);
            return r < 0 ? -errno() : 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public int socketError(int fd) {
        option.set(JAVA_INT, 0, 0);
        MemorySegment len = address;   // scratch: the option length, in and out
        len.set(JAVA_INT, 0, 4);
        try {
            int r = (int) GETSOCKOPT.invokeExact(errno, fd, SOL_SOCKET, SO_ERROR, option, len);
            return r < 0 ? errno() : option.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public int listen(int fd, int backlog) {
        option.set(JAVA_INT, 0, 1);
        try {
            int r = (int) SETSOCKOPT.invokeExact(errno, fd, SOL_SOCKET, SO_REUSEADDR, option, 4);
            if (r < 0) return -errno();
            r = (int) LISTEN.invokeExact(errno, fd, backlog);
            return r < 0 ? -errno() : 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public int accept(int fd) {
        try {
            int c = (int) ACCEPT4.invokeExact(errno, fd, MemorySegment.NULL, MemorySegment.NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (c < 0) return -errno();
            option.set(JAVA_INT, 0, 1);
            int r = (int) SETSOCKOPT.invokeExact(errno, c, IPPROTO_TCP, TCP_NODELAY, option, 4);
            if (r < 0) {
                int e = errno();
                close(c);
                return -e;
            }
            return c;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public int localPort(int fd) {
        address.fill((byte) 0);
        MemorySegment len = option;
        len.set(JAVA_INT, 0, 28);
        try {
            int r = (int) GETSOCKNAME.invokeExact(errno, fd, address, len);
            return r < 0 ? -errno() : Short.toUnsignedInt(address.get(PORT, 2));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public int read(int fd, byte[] b, int off, int len) {
        try {
            long r = (long) READ.invokeExact(errno, fd, buffer, (long) Math.min(len, BUFFER));
            if (r < 0) return -errno();
            MemorySegment.copy(buffer, JAVA_BYTE, 0, b, off, (int) r);
            return (int) r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public int write(int fd, byte[] b, int off, int len) {
        try {
            int n = Math.min(len, BUFFER);
            MemorySegment.copy(b, off, buffer, JAVA_BYTE, 0, n);
            long r = (long) SEND.invokeExact(errno, fd, buffer, (long) n, MSG_NOSIGNAL);
            return r < 0 ? -errno() : (int) r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public int peek(int fd) {
        try {
            long r = (long) RECV.invokeExact(errno, fd, buffer, 1L, MSG_PEEK | MSG_DONTWAIT);
            return r < 0 ? -errno() : (int) r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public void timerSlack(long nanos) {
        try {
            int ignored = (int) PRCTL.invokeExact(PR_SET_TIMERSLACK, nanos, 0L, 0L, 0L);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
