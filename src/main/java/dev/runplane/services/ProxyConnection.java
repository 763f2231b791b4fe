package dev.runplane.services;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * One client connection to the services endpoint: its requests one at a time, each a {@link ProxyExchange}. What
 * the client sends after a request ended (a pipelined request) waits until that request is answered.
 */
final class ProxyConnection extends ChannelInboundHandlerAdapter {
    private final ServiceProxy proxy;
    private ChannelHandlerContext ctx;
    private ProxyExchange exchange;
    /** What the client sent after the current request ended (a pipelined request): read once it is answered. */
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();

    ProxyConnection(ServiceProxy proxy) {
        this.proxy = proxy;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (exchange != null && exchange.requestEnded()) {
            backlog.add(msg);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        if (msg instanceof HttpRequest request) {
            if (exchange != null) { // cannot happen with HttpServerCodec: a request ends before the next begins
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            ctx.channel().config().setAutoRead(false); // until it is admitted and a replica is connected
            exchange = new ProxyExchange(this, ctx, proxy, request);
            if (request.decoderResult().isFailure()) {
                Throwable cause = request.decoderResult().cause();
                HttpResponseStatus status = cause instanceof TooLongHttpHeaderException
                        ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                        : cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                        : HttpResponseStatus.BAD_REQUEST;
                exchange.answer(Problems.response(status, "not a valid HTTP request: " + cause.getMessage()), true);
            } else {
                exchange.begin();
            }
            if (msg instanceof HttpContent content) {
                exchange.requestContent(content);
            }
        } else if (msg instanceof HttpContent content && exchange != null) {
            exchange.requestContent(content);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null && exchange.upstream() != null) {
            exchange.upstream().flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null && exchange.upstream() != null && !exchange.responseEnded()) {
            exchange.upstream().config().setAutoRead(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        backlog.forEach(ReferenceCountUtil::release);
        backlog.clear();
        if (exchange != null) {
            exchange.clientGone();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset by the client, mostly; channelInactive cleans up
    }

    /** The current request is answered: read the next one (from the backlog first). */
    void next(ProxyExchange done) {
        if (exchange != done) {
            return;
        }
        exchange = null;
        while (!backlog.isEmpty() && (exchange == null || !exchange.requestEnded())) {
            channelRead(ctx, backlog.poll());
        }
        channelReadComplete(ctx); // what was read back goes out now, as after a read from the socket
        if (exchange == null) {
            ctx.channel().config().setAutoRead(true);
        }
    }
}
