package io.barrage.engine.loop;

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
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;

/**
 * {@link NativeIo} through the foreign function API (Java 22+), every call through libc's
 * {@code syscall(2)} with errno captured: one function shape to link instead of eighteen, which
 * cut the loops' start from about 100 ms to a few (each new shape costs the linker milliseconds,
 * on the way to the first request). Pointers are native memory this instance owns; socket bytes
 * are copied between it and the caller's arrays. The short non-blocking calls are linked as
 * critical (no thread-state transition); epoll_pwait2, which sleeps, is not.
 */
final class FfmNativeIo implements NativeIo {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final long ERRNO = CAPTURE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    /** struct epoll_event is packed on x86-64 (12 bytes), naturally aligned elsewhere (16). */
    private static final boolean X86 = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> true;
        default -> false;
    };
    private static final int EVENT_SIZE = X86 ? 12 : 16;
    private static final int DATA_OFFSET = X86 ? 4 : 8;
    private static final ValueLayout.OfLong DATA = JAVA_LONG.withByteAlignment(X86 ? 4 : 8);
    private static final int MAX_EVENTS = 1024;
    private static final int BUFFER = 64 * 1024;
    private static final int AF_INET = 2, AF_INET6 = 10;
    private static final int SOCK_STREAM = 1, SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
    private static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2;
    private static final int EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000;
    private static final int IPPROTO_TCP = 6, TCP_NODELAY = 1, SOL_SOCKET = 1, SO_ERROR = 4, SO_REUSEADDR = 2;
    private static final int MSG_PEEK = 2, MSG_DONTWAIT = 0x40, MSG_NOSIGNAL = 0x4000;
    private static final int PR_SET_TIMERSLACK = 29;
    private static final int IPPROTO_IP = 0, IP_BIND_ADDRESS_NO_PORT = 24;
    private static final int ENOSYS = 38;

    // system call numbers: x86-64, and the generic table (aarch64, riscv64)
    private static final long SYS_READ = X86 ? 0 : 63;
    private static final long SYS_WRITE = X86 ? 1 : 64;
    private static final long SYS_CLOSE = X86 ? 3 : 57;
    private static final long SYS_SOCKET = X86 ? 41 : 198;
    private static final long SYS_CONNECT = X86 ? 42 : 203;
    private static final long SYS_SENDTO = X86 ? 44 : 206;
    private static final long SYS_RECVFROM = X86 ? 45 : 207;
    private static final long SYS_BIND = X86 ? 49 : 200;
    private static final long SYS_LISTEN = X86 ? 50 : 201;
    private static final long SYS_GETSOCKNAME = X86 ? 51 : 204;
    private static final long SYS_SETSOCKOPT = X86 ? 54 : 208;
    private static final long SYS_GETSOCKOPT = X86 ? 55 : 209;
    private static final long SYS_PRCTL = X86 ? 157 : 167;
    private static final long SYS_SETPRIORITY = X86 ? 141 : 140;
    private static final long SYS_EPOLL_CTL = X86 ? 233 : 21;
    private static final long SYS_ACCEPT4 = X86 ? 288 : 242;
    private static final long SYS_EVENTFD2 = X86 ? 290 : 19;
    private static final long SYS_EPOLL_CREATE1 = X86 ? 291 : 20;
    private static final long SYS_EPOLL_PWAIT2 = 441;

    /** {@code long syscall(long number, ...)} with six arguments, errno captured. */
    private static final FunctionDescriptor SYSCALL_SHAPE = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG,
            JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle CALL = link(Linker.Option.critical(false));
    private static final MethodHandle WAIT = link();
    /** Where {@link #signal} lets errno go: shared by every thread and never read. */
    private static final MemorySegment NOWHERE = Arena.global().allocate(CAPTURE);
    /** The 8-byte 1 that signals an eventfd; shared by every thread, never written after this. */
    private static final MemorySegment ONE = Arena.global().allocate(8, 8);
    /** sin_port and sin6_port are in network byte order. */
    private static final ValueLayout.OfShort PORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

    static {
        ONE.set(JAVA_LONG, 0, 1L);
    }

    private static MethodHandle link(Linker.Option... extra) {
        MemorySegment symbol = LINKER.defaultLookup().find("syscall")
                .orElseThrow(() -> new UnsupportedOperationException("the C library has no syscall()"));
        Linker.Option[] options = new Linker.Option[extra.length + 2];
        options[0] = Linker.Option.firstVariadicArg(1);
        options[1] = Linker.Option.captureCallState("errno");
        System.arraycopy(extra, 0, options, 2, extra.length);
        return LINKER.downcallHandle(symbol, SYSCALL_SHAPE, options);
    }

    private final Arena arena = Arena.ofAuto();
    private final MemorySegment errno = arena.allocate(CAPTURE);
    private final MemorySegment events = arena.allocate((long) EVENT_SIZE * MAX_EVENTS, 8);
    private final MemorySegment event = arena.allocate(16, 8);
    private final MemorySegment timeout = arena.allocate(16, 8);
    private final MemorySegment address = arena.allocate(32, 8);
    private final MemorySegment option = arena.allocate(8, 8);
    /** Socket bytes pass through here, copied from and to the caller's arrays. */
    private final MemorySegment buffer = arena.allocate(BUFFER, 64);

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

    /** One call: its result, or -errno. */
    private long call(long nr, long a, long b, long c, long d, long e, long f) {
        try {
            long r = (long) CALL.invokeExact(errno, nr, a, b, c, d, e, f);
            return r < 0 ? -errno.get(JAVA_INT, ERRNO) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private int call(long nr, long a, long b, long c) {
        return (int) call(nr, a, b, c, 0, 0, 0);
    }

    @Override
    public int epollCreate() {
        return call(SYS_EPOLL_CREATE1, EFD_CLOEXEC, 0, 0);
    }

    @Override
    public int epollAdd(int epfd, int fd, int events, long data) {
        event.set(JAVA_INT, 0, events);
        event.set(DATA, DATA_OFFSET, data);
        return Math.min(0, (int) call(SYS_EPOLL_CTL, epfd, EPOLL_CTL_ADD, fd, event.address(), 0, 0));
    }

    @Override
    public int epollDelete(int epfd, int fd) {
        return Math.min(0, (int) call(SYS_EPOLL_CTL, epfd, EPOLL_CTL_DEL, fd, event.address(), 0, 0));
    }

    @Override
    public int epollWait(int epfd, long timeoutNanos) {
        long ts = 0;
        if (timeoutNanos >= 0) {
            timeout.set(JAVA_LONG, 0, timeoutNanos / 1_000_000_000L);
            timeout.set(JAVA_LONG, 8, timeoutNanos % 1_000_000_000L);
            ts = timeout.address();
        }
        try {
            long r = (long) WAIT.invokeExact(errno, SYS_EPOLL_PWAIT2, (long) epfd, events.address(), (long) MAX_EVENTS, ts, 0L, 8L);
            return (int) (r < 0 ? -errno.get(JAVA_INT, ERRNO) : r);
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
        return call(SYS_EVENTFD2, 0, EFD_NONBLOCK | EFD_CLOEXEC, 0);
    }

    @Override
    public void signal(int efd) {
        try {
            long ignored = (long) CALL.invokeExact(NOWHERE, SYS_WRITE, (long) efd, ONE.address(), 8L, 0L, 0L, 0L);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public void drain(int efd) {
        call(SYS_READ, efd, buffer.address(), 8);
    }

    @Override
    public int socket(boolean ipv6) {
        int fd = call(SYS_SOCKET, ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) return fd;
        int r = setOption(fd, IPPROTO_TCP, TCP_NODELAY, 1);
        if (r < 0) {
            close(fd);
            return r;
        }
        return fd;
    }

    private int setOption(int fd, int level, int name, int value) {
        option.set(JAVA_INT, 0, value);
        return Math.min(0, (int) call(SYS_SETSOCKOPT, fd, level, name, option.address(), 4, 0));
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
    public int bindSource(int fd, byte[] ip, int scope) {
        setOption(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1);   // Linux 4.2+; without it, bind() picks the port as before
        return bind(fd, ip, 0, scope);
    }

    @Override
    public int bind(int fd, byte[] ip, int port, int scope) {
        int len = sockaddr(ip, port, scope);
        return Math.min(0, call(SYS_BIND, fd, address.address(), len));
    }

    @Override
    public int connect(int fd, byte[] ip, int port, int scope) {
        int len = sockaddr(ip, port, scope);
        return Math.min(0, call(SYS_CONNECT, fd, address.address(), len));
    }

    @Override
    public int socketError(int fd) {
        option.set(JAVA_INT, 0, 0);
        address.set(JAVA_INT, 0, 4);   // the option's length, in and out
        int r = (int) call(SYS_GETSOCKOPT, fd, SOL_SOCKET, SO_ERROR, option.address(), address.address(), 0);
        return r < 0 ? -r : option.get(JAVA_INT, 0);
    }

    @Override
    public int listen(int fd, int backlog) {
        int r = setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1);
        return r < 0 ? r : Math.min(0, call(SYS_LISTEN, fd, backlog, 0));
    }

    @Override
    public int accept(int fd) {
        int c = (int) call(SYS_ACCEPT4, fd, 0, 0, SOCK_NONBLOCK | SOCK_CLOEXEC, 0, 0);
        if (c < 0) return c;
        int r = setOption(c, IPPROTO_TCP, TCP_NODELAY, 1);
        if (r < 0) {
            close(c);
            return r;
        }
        return c;
    }

    @Override
    public int localPort(int fd) {
        address.fill((byte) 0);
        option.set(JAVA_INT, 0, 28);
        int r = call(SYS_GETSOCKNAME, fd, address.address(), option.address());
        return r < 0 ? r : Short.toUnsignedInt(address.get(PORT, 2));
    }

    @Override
    public int read(int fd, byte[] b, int off, int len) {
        int r = call(SYS_READ, fd, buffer.address(), Math.min(len, BUFFER));
        if (r > 0) MemorySegment.copy(buffer, JAVA_BYTE, 0, b, off, r);
        return r;
    }

    @Override
    public int write(int fd, byte[] b, int off, int len) {
        int n = Math.min(len, BUFFER);
        MemorySegment.copy(b, off, buffer, JAVA_BYTE, 0, n);
        return (int) call(SYS_SENDTO, fd, buffer.address(), n, MSG_NOSIGNAL, 0, 0);
    }

    @Override
    public int peek(int fd) {
        return (int) call(SYS_RECVFROM, fd, buffer.address(), 1, MSG_PEEK | MSG_DONTWAIT, 0, 0);
    }

    @Override
    public void timerSlack(long nanos) {
        call(SYS_PRCTL, PR_SET_TIMERSLACK, nanos, 0);
    }

    /** setpriority(PRIO_PROCESS, 0, value): on Linux, the calling thread only. Errno goes nowhere, as in {@link #signal}. */
    @Override
    public int nice(int value) {
        try {
            return (int) (long) CALL.invokeExact(NOWHERE, SYS_SETPRIORITY, 0L, 0L, (long) value, 0L, 0L, 0L);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Any thread may close (a socket of an ended loop): errno goes nowhere, as in {@link #signal}. */
    @Override
    public void close(int fd) {
        try {
            long ignored = (long) CALL.invokeExact(NOWHERE, SYS_CLOSE, (long) fd, 0L, 0L, 0L, 0L, 0L);
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
