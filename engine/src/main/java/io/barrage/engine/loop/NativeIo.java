package io.barrage.engine.loop;

/**
 * The Linux system calls an {@link EventLoop} makes: epoll, eventfd and non-blocking TCP sockets.
 * Implemented with the JDK's foreign function API ({@code FfmNativeIo}, compiled for Java 22 and
 * loaded only where it runs); this interface keeps the rest of the engine on Java 21.
 *
 * <p>An instance holds its own call buffers (the epoll event array, errno), so each loop has one
 * and uses it from its own carrier only; {@link #signal} alone may be called from any thread.
 * Calls that fail return {@code -errno} rather than throwing: the hot path never builds an
 * exception for {@code EAGAIN}.
 */
interface NativeIo {
    int EPOLLIN = 0x001;
    int EPOLLOUT = 0x004;
    int EPOLLERR = 0x008;
    int EPOLLHUP = 0x010;
    int EPOLLRDHUP = 0x2000;
    int EPOLLET = 1 << 31;

    int EINTR = 4;
    int EBADF = 9;
    int EAGAIN = 11;
    int EPIPE = 32;
    int EADDRINUSE = 98;
    int EADDRNOTAVAIL = 99;
    int ENETUNREACH = 101;
    int ECONNABORTED = 103;
    int ECONNRESET = 104;
    int ENOTCONN = 107;
    int ETIMEDOUT = 110;
    int ECONNREFUSED = 111;
    int EHOSTUNREACH = 113;
    int EINPROGRESS = 115;

    /** A new epoll instance (close-on-exec), or {@code -errno}. */
    int epollCreate();

    /** Adds {@code fd} with the event mask and the 64-bit cookie its events carry; 0 or {@code -errno}. */
    int epollAdd(int epfd, int fd, int events, long data);

    /** Removes {@code fd}; 0 or {@code -errno}. */
    int epollDelete(int epfd, int fd);

    /**
     * Waits for events at most {@code timeoutNanos} (0: do not wait; negative: no limit), with
     * nanosecond precision. Returns how many events {@link #eventData} can read, or {@code -errno}.
     */
    int epollWait(int epfd, long timeoutNanos);

    /** The cookie of event {@code i} of the last {@link #epollWait}. */
    long eventData(int i);

    /** The mask of event {@code i} of the last {@link #epollWait}. */
    int eventMask(int i);

    /** A non-blocking eventfd, or {@code -errno}. */
    int eventfd();

    /** Adds one to an eventfd, waking whoever polls it. Thread-safe. */
    void signal(int efd);

    /** Resets an eventfd after it was seen readable. */
    void drain(int efd);

    /** A non-blocking, close-on-exec TCP socket with TCP_NODELAY, or {@code -errno}. */
    int socket(boolean ipv6);

    /** Binds to a local address (4 or 16 bytes) and port; 0 or {@code -errno}. */
    int bind(int fd, byte[] address, int port, int scope);

    /**
     * Binds a socket about to connect to a local address, leaving the port to connect()
     * (IP_BIND_ADDRESS_NO_PORT), which picks it for the whole address pair and may reuse one in
     * TIME_WAIT; bind() alone searched its own table of ports, slowly once thousands were taken
     * (seen: back-to-back runs of 19 000 users). 0 or {@code -errno}.
     */
    int bindSource(int fd, byte[] address, int scope);

    /** Starts a connection; 0, or {@code -EINPROGRESS} while it completes, or another {@code -errno}. */
    int connect(int fd, byte[] address, int port, int scope);

    /** The socket's pending error (SO_ERROR): 0 once a connection completed, else the errno. */
    int socketError(int fd);

    /** Lets a bound socket accept connections (SO_REUSEADDR set); 0 or {@code -errno}. */
    int listen(int fd, int backlog);

    /** A connection waiting on a listening socket, non-blocking with TCP_NODELAY, or {@code -errno} ({@code -EAGAIN}: none yet). */
    int accept(int fd);

    /** The local port a socket is bound to, or {@code -errno}. */
    int localPort(int fd);

    /** Reads into {@code b}: bytes read (0 at end of stream) or {@code -errno}. */
    int read(int fd, byte[] b, int off, int len);

    /** Writes from {@code b} (never raising SIGPIPE): bytes written or {@code -errno}. */
    int write(int fd, byte[] b, int off, int len);

    /** Looks at the next byte without taking it and without waiting: 1, 0 at end of stream, or {@code -errno}. */
    int peek(int fd);

    /**
     * Sets the calling thread's timer slack (Linux lets a sleeping thread wake up to 50 µs late by
     * default, to merge wake-ups); a loop asks for 1 µs, since its sleeps end at an arrival's time.
     */
    void timerSlack(long nanos);

    /** Sets the calling thread's nice value (Linux: per thread); 0, or -1 when refused. Any thread may call it. */
    int nice(int value);

    /** Closes a descriptor. */
    void close(int fd);
}
