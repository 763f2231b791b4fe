package dev.runplane.services;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import reactor.core.publisher.Mono;

/**
 * Access to a service: public ({@code auth: false}), or a member's API token / the service's own token in
 * {@code Authorization: Bearer}, or the cookie of the run page's "Open" link. No credentials → 401; credentials
 * that do not open this service → 404, exactly like a service that does not exist. Only what Runplane consumed is
 * later stripped: the bearer token it checked, its own cookie.
 */
final class ServiceGate {
    static final String COOKIE = "runplane-service";
    static final String OPEN_PARAMETER = "runplane-open";
    private static final String COOKIE_PURPOSE = "cookie";

    /**
     * @param answer                what to send instead of forwarding (a refusal, the Open link's redirect), or null
     * @param consumedAuthorization the Authorization header was Runplane's and must not reach the replica
     * @param consumedCookie        the name of Runplane's cookie to strip, or null
     */
    record Admission(FullHttpResponse answer, boolean consumedAuthorization, String consumedCookie) {
        static final Admission OPEN = new Admission(null, false, null);
    }

    private final ServiceAccess access;
    private final OpenTickets tickets;
    private final Duration cookieTtl;

    ServiceGate(ServiceAccess access, OpenTickets tickets, Duration cookieTtl) {
        this.access = access;
        this.tickets = tickets;
        this.cookieTtl = cookieTtl;
    }

    /** Decided at once (a public service, a cookie, a cached verdict) or after a token check off the event loop. */
    Mono<Admission> admit(ServiceRoutes.Route route, HttpRequest request) {
        if (!route.auth()) {
            return Mono.just(Admission.OPEN);
        }
        String link = openParameter(request.uri());
        if (link != null) {
            return Mono.just(new Admission(openLink(route, link, request), false, null));
        }
        String bearer = bearer(request);
        if (bearer != null) {
            return access.check(route, bearer).map(verdict -> verdict == ServiceAccess.Verdict.ALLOWED
                    ? new Admission(null, true, null) : refuse(route));
        }
        List<Cookie> cookies = cookies(request);
        if (cookies.stream().anyMatch(c -> tickets.valid(c.value(), route.runId(), COOKIE_PURPOSE))) {
            return Mono.just(new Admission(null, false, COOKIE));
        }
        if (!cookies.isEmpty()) {
            return Mono.just(new Admission(Problems.response(HttpResponseStatus.UNAUTHORIZED,
                    "the sign-in for this service has expired: open it again from its run page"), false, null));
        }
        return Mono.just(new Admission(Problems.response(HttpResponseStatus.UNAUTHORIZED,
                "this service is for members of project " + route.project() + ": send an API token or a token of "
                        + "the service as Authorization: Bearer, or open it from its run page"), false, null));
    }

    private static List<Cookie> cookies(HttpRequest request) {
        List<Cookie> ours = new java.util.ArrayList<>();
        for (String header : request.headers().getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie cookie : ServerCookieDecoder.LAX.decode(header)) {
                if (cookie.name().equals(COOKIE)) {
                    ours.add(cookie);
                }
            }
        }
        return ours;
    }

    private static Admission refuse(ServiceRoutes.Route route) {
        return new Admission(Problems.response(HttpResponseStatus.NOT_FOUND,
                "no service " + route.project() + "/" + route.run()), true, null);
    }

    /** Trades a valid link ticket for the service's cookie and sends the browser on to the same page without it. */
    private FullHttpResponse openLink(ServiceRoutes.Route route, String link, HttpRequest request) {
        if (!tickets.valid(link, route.runId(), "link")) {
            return Problems.response(HttpResponseStatus.UNAUTHORIZED,
                    "this Open link has expired: open the service again from its run page");
        }
        String prefix = "/" + route.project() + "/" + route.run() + "/";
        DefaultCookie cookie = new DefaultCookie(COOKIE, tickets.issue(route.runId(), COOKIE_PURPOSE, cookieTtl));
        cookie.setPath(prefix);
        cookie.setHttpOnly(true);
        cookie.setMaxAge(cookieTtl.toSeconds());
        cookie.setSameSite(io.netty.handler.codec.http.cookie.CookieHeaderNames.SameSite.Lax);
        FullHttpResponse redirect = Problems.empty(HttpResponseStatus.SEE_OTHER);
        redirect.headers().add(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode(cookie))
                .set(HttpHeaderNames.LOCATION, withoutOpenParameter(request.uri()))
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return redirect;
    }

    private static String bearer(HttpRequest request) {
        String value = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (value == null || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = value.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    static String openParameter(String uri) {
        if (!uri.contains(OPEN_PARAMETER + "=")) {
            return null;
        }
        List<String> values = new QueryStringDecoder(uri).parameters().get(OPEN_PARAMETER);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    static String withoutOpenParameter(String uri) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return uri;
        }
        String kept = java.util.Arrays.stream(uri.substring(q + 1).split("&"))
                .filter(p -> !p.startsWith(OPEN_PARAMETER + "=") && !p.equals(OPEN_PARAMETER))
                .collect(Collectors.joining("&"));
        String path = uri.substring(0, q);
        return kept.isEmpty() ? path : path + "?" + kept;
    }

    /** A Cookie header without one cookie (Runplane's own), the others as the client sent them. */
    static String withoutCookie(String header, String name) {
        return java.util.Arrays.stream(header.split(";"))
                .map(String::trim)
                .filter(part -> !part.isEmpty() && !part.toLowerCase(Locale.ROOT).startsWith(
                        name.toLowerCase(Locale.ROOT) + "="))
                .collect(Collectors.joining("; "));
    }
}
