package io.orderflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder between the application and PostgreSQL or Redis that a test can {@link #cut()}
 * and {@link #restore()}, so a fault test runs against the real servers while seeing what a
 * restart of one looks like to the application: every live connection reset at once, new ones
 * reset as soon as they are accepted, and connections accepted again afterwards. The shared
 * servers themselves are never touched. Plain blocking java.nio, two daemon threads per
 * connection: the application opens a few dozen at most.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final ServerSocketChannel server;
    private final ExecutorService threads;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    /** Guards {@link #isCut} against a connection accepted while a cut closes the others. */
    private final Object lock = new Object();
    private boolean isCut;
    private volatile boolean closed;

    private TcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = ServerSocketChannel.open();
        this.server.bind(new InetSocketAddress("127.0.0.1", 0));
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "tcp-proxy-" + target.getPort() + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.threads.execute(this::acceptLoop);
    }

    /** A proxy listening on a free loopback port, forwarding to {@code host:port}. */
    public static TcpProxy to(String host, int port) {
        try {
            return new TcpProxy(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open a proxy to " + host + ":" + port, e);
        }
    }

    /** The local port the application connects to. */
    public int port() {
        return ((InetSocketAddress) server.socket().getLocalSocketAddress()).getPort();
    }

    /** Resets every live connection and every new one until {@link #restore()}. */
    public void cut() {
        List<Link> live;
        synchronized (lock) {
            isCut = true;
            live = new ArrayList<>(links);
        }
        live.forEach(Link::reset);
    }

    /** Accepts and forwards new connections again. */
    public void restore() {
        synchronized (lock) {
            isCut = false;
        }
    }

    public boolean isCut() {
        synchronized (lock) {
            return isCut;
        }
    }

    /** Connections forwarded since the start. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections reset on arrival because the proxy was cut. */
    public int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        closed = true;
        cut();
        closeQuietly(server);
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            threads.execute(() -> open(client));
        }
    }

    private void open(SocketChannel client) {
        synchronized (lock) {
            if (isCut || closed) {
                refused.incrementAndGet();
                reset(client);
                return;
            }
        }
        SocketChannel upstream;
        try {
            upstream = SocketChannel.open();
            upstream.socket().connect(target, 2_000);
        } catch (IOException e) {
            reset(client);
            return;
        }
        Link link = new Link(client, upstream);
        synchronized (lock) {
            if (isCut || closed) {
                refused.incrementAndGet();
                link.reset();
                return;
            }
            links.add(link);
        }
        accepted.incrementAndGet();
        threads.execute(() -> link.pump(client, upstream));
        threads.execute(() -> link.pump(upstream, client));
    }

    /** One forwarded connection: both sockets closed together, with a reset when cut. */
    private final class Link {

        private final SocketChannel client;
        private final SocketChannel upstream;

        Link(SocketChannel client, SocketChannel upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(SocketChannel from, SocketChannel to) {
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            try {
                while (from.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        to.write(buffer);
                    }
                    buffer.clear();
                }
                close();
            } catch (IOException e) {
                reset();
            }
        }

        /** An orderly end: one side closed, so close the other. */
        void close() {
            links.remove(this);
            closeQuietly(client);
            closeQuietly(upstream);
        }

        void reset() {
            links.remove(this);
            TcpProxy.reset(client);
            TcpProxy.reset(upstream);
        }
    }

    /** Closes with SO_LINGER 0, so the peer gets an RST rather than an orderly FIN. */
    private static void reset(SocketChannel channel) {
        try {
            if (channel.isOpen()) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException | RuntimeException ignored) {
            // already closed by the other pump
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
