package dev.runplane.services;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One request through the services endpoint and its response, on the client connection's event loop: admitted by
 * the gate, sent to the least busy ready replica over a kept-alive connection of that loop, and the answer written
 * back as it comes. Reading from either side pauses while the other cannot take more; a WebSocket upgrade that the
 * replica accepts turns both connections into a byte {@link Splice}.
 *
 * <p>Retries: a request goes to another replica when its connection could not be made, or — for a request without
 * a body that is safe to repeat (GET, HEAD, OPTIONS) — when the replica closed or reset the connection before
 * answering (a replica that was just stopped; a kept-alive connection it had just closed is retried on a new one).
 */
final class ProxyExchange implements UpstreamConnections.Target {
    private static final Set<HttpMethod> REPEATABLE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ProxyConnection connection;
    private final ChannelHandlerContext ctx;
    private final ServiceProxy proxy;
    private final HttpRequest request;
    private final boolean keepAlive;
    private final boolean hasBody;
    private final ArrayDeque<HttpContent> pendingBody = new ArrayDeque<>();
    private final Set<Upstream> tried = new HashSet<>();
    private ServicePath path;
    private ServiceRoutes.Route route;
    private HttpHeaders forwarded;
    private boolean webSocket;
    private int attempt;
    /** The replica now serving this request, and its connection (null between attempts). */
    private Upstream replica;
    private Channel upstream;
    private boolean requestEnded;
    private boolean bodyForwarded;
    private boolean answered;
    private boolean interim;
    private boolean upstreamKeepAlive;
    private boolean responseEnded;
    private boolean closeClientAfter;
    private boolean reusedConnection;
    private boolean finished;

    ProxyExchange(ProxyConnection connection, ChannelHandlerContext ctx, ServiceProxy proxy, HttpRequest request) {
        this.connection = connection;
        this.ctx = ctx;
        this.proxy = proxy;
        this.request = request;
        this.keepAlive = HttpUtil.isKeepAlive(request);
        this.hasBody = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
    }

    boolean requestEnded() {
        return requestEnded;
    }

    /** The replica connection serving this request now, or null. */
    Channel upstream() {
        return upstream;
    }

    boolean responseEnded() {
        return responseEnded;
    }

    void begin() {
        Optional<ServicePath> parsed = ServicePath.parse(request.uri());
        if (parsed.isEmpty()) {
            answer(Problems.response(HttpResponseStatus.NOT_FOUND,
                    "no service here: services are at /{project}/{run}/"), false);
            return;
        }
        path = parsed.get();
        Optional<ServiceRoutes.Route> found = proxy.routes().find(path.project(), path.run());
        if (found.isEmpty()) {
            answer(Problems.response(HttpResponseStatus.NOT_FOUND, "no service " + path.project() + "/"
                    + path.run()), false);
            return;
        }
        route = found.get();
        proxy.gate().admit(route, request).subscribe(
                admission -> onLoop(() -> admitted(admission)),
                error -> onLoop(() -> answer(Problems.response(HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "could not check the credentials: " + error.getMessage(), 1), false)));
    }

    private void onLoop(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }

    private void admitted(ServiceGate.Admission admission) {
        if (finished) {
            return;
        }
        if (admission.answer() != null) {
            answer(admission.answer(), false);
            return;
        }
        if (path.rest().isEmpty()) {
            FullHttpResponse redirect = Problems.empty(HttpResponseStatus.PERMANENT_REDIRECT);
            redirect.headers().set(HttpHeaderNames.LOCATION, path.prefix() + "/" + path.query());
            answer(redirect, false);
            return;
        }
        webSocket = ServiceProxy.isWebSocket(request);
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        forwarded = ServiceProxy.forwardedHeaders(request.headers(), remote, "http", path,
                admission.consumedAuthorization(), admission.consumedCookie());
        if (webSocket) {
            forwarded.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)
                    .set(HttpHeaderNames.UPGRADE, request.headers().get(HttpHeaderNames.UPGRADE));
        }
        tryNext();
    }

    /** Sends the request to the least busy ready replica not tried yet, or answers 503/502 when none is left. */
    private void tryNext() {
        Optional<Upstream> picked = ServiceRoutes.pick(route.ready(), tried);
        if (picked.isEmpty() || attempt >= ServiceProxy.MAX_ATTEMPTS) {
            answer(tried.isEmpty()
                    ? Problems.response(HttpResponseStatus.SERVICE_UNAVAILABLE, "no replica of " + path.project()
                            + "/" + path.run() + " is ready", ServiceProxy.RETRY_AFTER_SECONDS)
                    : Problems.response(HttpResponseStatus.BAD_GATEWAY, "no replica of " + path.project() + "/"
                            + path.run() + " could be reached", ServiceProxy.RETRY_AFTER_SECONDS), false);
            return;
        }
        attempt++;
        Upstream chosen = picked.get();
        tried.add(chosen);
        replica = chosen;
        chosen.started();
        connect(chosen, !webSocket);
    }

    /** A kept-alive connection when {@code pooled} and there is one, else a new one. */
    private void connect(Upstream chosen, boolean pooled) {
        proxy.connections().acquire(ctx.channel().eventLoop(), chosen, (channel, reused, failure) -> {
            if (finished) {
                if (channel != null) {
                    channel.close();
                }
                return;
            }
            if (failure != null) {
                leaveReplica();
                tryNext(); // nothing was sent: always safe to try another
                return;
            }
            reusedConnection = reused;
            connected(channel);
        }, pooled);
    }

    private void connected(Channel channel) {
        upstream = channel;
        channel.pipeline().get(UpstreamConnections.Relay.class).target = this;
        channel.config().setAutoRead(true);
        DefaultHttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(),
                path.rest() + path.query(), forwarded);
        if (HttpUtil.isTransferEncodingChunked(request)) {
            HttpUtil.setTransferEncodingChunked(head, true);
        }
        if (!hasBody) {
            channel.write(head, channel.voidPromise());
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, channel.voidPromise());
            bodyForwarded = true;
            return;
        }
        channel.write(head, channel.voidPromise());
        while (!pendingBody.isEmpty()) {
            HttpContent content = pendingBody.poll();
            channel.write(content, channel.voidPromise());
        }
        channel.flush();
        bodyForwarded = true;
        if (!requestEnded) {
            ctx.channel().config().setAutoRead(channel.isWritable());
        }
    }

    void requestContent(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (last) {
            requestEnded = true;
        }
        if (finished || !hasBody) {
            content.release(); // answered already, or the empty end of a request without a body
        } else if (upstream != null && bodyForwarded) {
            upstream.write(content, upstream.voidPromise());
            if (last) {
                upstream.flush(); // the client's read may not complete here (a pipelined request read back later)
            }
            if (!upstream.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        } else {
            pendingBody.add(content);
        }
        if (last && finished) {
            connection.next(this);
        }
    }

    @Override
    public void upstreamRead(Object message) {
        if (message instanceof HttpResponse response) {
            responseHead(response);
        }
        if (message instanceof HttpContent content) {
            responseContent(content);
        } else if (!(message instanceof HttpResponse)) {
            ReferenceCountUtil.release(message);
        }
    }

    private void responseHead(HttpResponse response) {
        if (webSocket && response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            switchToWebSocket(response);
            return;
        }
        if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            interim = true; // 100 Continue and the like: passed on, the real answer follows
            ctx.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status(), response.headers()));
            return;
        }
        answered = true;
        upstreamKeepAlive = !webSocket && HttpUtil.isKeepAlive(response);
        DefaultHttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status(),
                ServiceProxy.responseHeaders(response.headers()));
        boolean clientKeepAlive = keepAlive;
        if (HttpUtil.isContentLengthSet(response)) {
            out.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.headers().get(
                    HttpHeaderNames.CONTENT_LENGTH));
        } else if (mayHaveBody(response.status())) {
            if (request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                HttpUtil.setTransferEncodingChunked(out, true);
            } else {
                clientKeepAlive = false; // an HTTP/1.0 client reads to the end of the connection
            }
        }
        if (!requestEnded && hasBody) {
            clientKeepAlive = false; // answered before the whole body came: nothing else can be read
        }
        HttpUtil.setKeepAlive(out, clientKeepAlive);
        closeClientAfter = !clientKeepAlive;
        ctx.write(out);
    }

    private boolean mayHaveBody(HttpResponseStatus status) {
        return !request.method().equals(HttpMethod.HEAD) && status.code() != 204 && status.code() != 304;
    }

    private void responseContent(HttpContent content) {
        if (finished) {
            content.release();
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (interim) {
            content.release();
            if (last) {
                interim = false;
                ctx.write(LastHttpContent.EMPTY_LAST_CONTENT);
            }
            return;
        }
        if (!last) {
            ctx.write(content, ctx.voidPromise());
            return;
        }
        responseEnded = true;
        ctx.writeAndFlush(content).addListener(f -> {
            if (closeClientAfter || !f.isSuccess()) {
                ctx.close();
            }
        });
        if (upstreamKeepAlive && bodyForwarded && (requestEnded || !hasBody) && pendingBody.isEmpty()) {
            proxy.connections().release(upstream, replica);
            upstream = null;
        } else {
            closeUpstream();
        }
        leaveReplica();
        finish();
    }

    @Override
    public void upstreamReadComplete() {
        ctx.flush();
        if (upstream != null && !ctx.channel().isWritable()) {
            upstream.config().setAutoRead(false);
        }
    }

    @Override
    public void upstreamWritabilityChanged() {
        if (!requestEnded && upstream != null) {
            ctx.channel().config().setAutoRead(upstream.isWritable());
        }
    }

    @Override
    public void upstreamClosed(Throwable cause) {
        if (finished || upstream == null) {
            return;
        }
        upstream = null;
        Upstream lost = replica;
        boolean repeatable = !hasBody && REPEATABLE.contains(request.method()) && !webSocket;
        if (!answered && repeatable && reusedConnection) {
            // a kept-alive connection the replica had just closed: the same replica, on a new connection
            reusedConnection = false;
            connect(lost, false);
            return;
        }
        leaveReplica();
        if (answered) {
            ctx.flush();
            ctx.close(); // mid-response: the client sees the connection end
            finish();
            return;
        }
        if (repeatable) {
            tryNext();
            return;
        }
        answer(Problems.response(HttpResponseStatus.BAD_GATEWAY, "replica " + lost.replicaNum() + " of "
                + path.project() + "/" + path.run() + " did not answer ("
                + (cause == null ? "the connection was closed" : ServiceProxy.reason(cause)) + ")",
                ServiceProxy.RETRY_AFTER_SECONDS), hasBody);
    }

    /**
     * After the replica's 101: the 101 to the client, then both connections carry bytes as they are. Done at
     * once, inside the read of the 101 (both connections are on this loop), so bytes that came right behind it
     * go to the splice, not to the HTTP codecs.
     */
    private void switchToWebSocket(HttpResponse response) {
        answered = true;
        finished = true;
        Channel up = upstream;
        Channel client = ctx.channel();
        ctx.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status(), response.headers().copy()));
        up.pipeline().replace(UpstreamConnections.Relay.class, "splice", new Splice(client));
        up.pipeline().remove(HttpClientCodec.class);
        client.pipeline().replace(connection, "splice", new Splice(up));
        client.pipeline().remove(HttpServerCodec.class);
        client.flush();
        Upstream serving = replica;
        replica = null;
        upstream = null;
        up.closeFuture().addListener(c -> serving.finished());
        client.config().setAutoRead(true);
        up.config().setAutoRead(true);
    }

    /** Answers without a replica (a refusal, a redirect, a 502/503), then goes on with the next request. */
    void answer(FullHttpResponse response, boolean close) {
        if (finished || answered) {
            response.release();
            if (!answered) {
                ctx.close();
            }
            return;
        }
        answered = true;
        // the rest of a body that was never forwarded is read and dropped; one that was, ends the connection
        boolean keepConnection = keepAlive && !close && !webSocket && (requestEnded || !bodyForwarded);
        HttpUtil.setKeepAlive(response, keepConnection);
        ctx.writeAndFlush(response).addListener(f -> {
            if (!keepConnection || !f.isSuccess()) {
                ctx.close();
            }
        });
        closeUpstream();
        leaveReplica();
        dropPendingBody();
        finish();
        if (keepConnection && !requestEnded) {
            ctx.channel().config().setAutoRead(true); // read the rest of the body, dropped, then the next
        }
    }

    private void finish() {
        finished = true;
        if (requestEnded) {
            connection.next(this);
        }
    }

    private void leaveReplica() {
        if (replica != null) {
            replica.finished();
            replica = null;
        }
    }

    void clientGone() {
        dropPendingBody();
        finished = true;
        closeUpstream();
        leaveReplica();
    }

    /** Ends the replica connection without letting it report back to this exchange (it is not reusable). */
    private void closeUpstream() {
        if (upstream != null) {
            upstream.pipeline().get(UpstreamConnections.Relay.class).target = null;
            upstream.close();
            upstream = null;
        }
    }

    private void dropPendingBody() {
        pendingBody.forEach(HttpContent::release);
        pendingBody.clear();
    }
}
