package dev.runplane.services;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Kept-alive HTTP/1.1 connections to replicas, one pool per event loop: a connection is made, used and put back on
 * the loop of the client connection it serves, so no lock and no thread hop is on the way of a request. An idle
 * connection is reused for {@link #IDLE_NANOS} at most (a replica closes idle ones after its own keep-alive time).
 */
final class UpstreamConnections {
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final int MAX_IDLE_PER_REPLICA = 512;
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private final Class<? extends SocketChannel> channelType;
    /** Only touched on its own loop: the map per loop is confined to that loop's thread. */
    private final Map<EventLoop, Map<String, ArrayDeque<Idle>>> idle = new java.util.concurrent.ConcurrentHashMap<>();

    private record Idle(Channel channel, long since) {
    }

    UpstreamConnections(Class<? extends SocketChannel> channelType) {
        this.channelType = channelType;
    }

    /** What {@link #acquire} hands over: a channel (new or reused), or why none could be made. */
    interface Acquired {
        void accept(Channel channel, boolean reused, Throwable failure);
    }

    /**
     * A connection to {@code upstream} on {@code loop}, with an {@link HttpClientCodec} and a {@link Relay} in its
     * pipeline: an idle one when {@code pooled} and there is one, else a new one. {@code then} runs on the loop.
     */
    void acquire(EventLoop loop, Upstream upstream, Acquired then, boolean pooled) {
        if (pooled) {
            ArrayDeque<Idle> queue = idle.computeIfAbsent(loop, l -> new HashMap<>()).get(key(upstream));
            long now = System.nanoTime();
            while (queue != null && !queue.isEmpty()) {
                Idle candidate = queue.pollLast(); // the most recently used is the least likely to be closed
                if (candidate.channel().isActive() && now - candidate.since() < IDLE_NANOS) {
                    then.accept(candidate.channel(), true, null);
                    return;
                }
                candidate.channel().close();
            }
        }
        new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("http", new HttpClientCodec(4096, 16 * 1024, 16 * 1024))
                                .addLast("relay", new Relay());
                    }
                })
                .connect(upstream.host(), upstream.port())
                .addListener(f -> {
                    if (f.isSuccess()) {
                        then.accept(((io.netty.channel.ChannelFuture) f).channel(), false, null);
                    } else {
                        then.accept(null, false, f.cause());
                    }
                });
    }

    /** Back into the pool of its loop, to be reused for the same replica (called on that loop). */
    void release(Channel channel, Upstream upstream) {
        Relay relay = channel.pipeline().get(Relay.class);
        if (relay == null || !channel.isActive()) {
            channel.close();
            return;
        }
        relay.target = null;
        ArrayDeque<Idle> queue = idle.computeIfAbsent(channel.eventLoop(), l -> new HashMap<>())
                .computeIfAbsent(key(upstream), k -> new ArrayDeque<>());
        if (queue.size() >= MAX_IDLE_PER_REPLICA) {
            channel.close();
            return;
        }
        queue.addLast(new Idle(channel, System.nanoTime()));
    }

    private static String key(Upstream upstream) {
        return upstream.host() + ":" + upstream.port();
    }

    /** What a replica's connection tells the exchange it serves now. */
    interface Target {
        void upstreamRead(Object message);

        void upstreamReadComplete();

        void upstreamWritabilityChanged();

        /** The connection ended ({@code cause} null: closed by the replica). */
        void upstreamClosed(Throwable cause);
    }

    /** Passes a replica connection's events to the exchange using it; while idle, anything it sends is dropped. */
    static final class Relay extends ChannelInboundHandlerAdapter {
        Target target;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Target t = target;
            if (t == null) {
                ReferenceCountUtil.release(msg);
                ctx.close(); // an idle connection has nothing to say: it is not reusable
                return;
            }
            t.upstreamRead(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            Target t = target;
            if (t != null) {
                t.upstreamReadComplete();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            Target t = target;
            if (t != null) {
                t.upstreamWritabilityChanged();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            Target t = target;
            target = null;
            if (t != null) {
                t.upstreamClosed(null);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Target t = target;
            target = null;
            ctx.close();
            if (t != null) {
                t.upstreamClosed(cause);
            }
        }
    }
}
