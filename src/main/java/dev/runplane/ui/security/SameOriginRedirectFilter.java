package dev.runplane.ui.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URI;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends every redirect to this server itself as a relative URL. Spring Security builds absolute redirect URLs (to
 * the login page, back to the page asked for before signing in) from the request's {@code Host} header, so a
 * spoofed {@code Host} or {@code X-Forwarded-Host} would come back as the redirect's target (BAD-INPUTS,
 * "Authentication and access"); a relative one names no host at all. Redirects elsewhere (the OIDC provider) keep
 * their configured absolute URL. Works with {@code server.tomcat.use-relative-redirects=true}, which stops Tomcat
 * from turning relative locations back into absolute ones.
 * <p>
 * After a sign-in (the password form's POST, the OIDC callback) the target is the request saved before it, whose
 * URL was built from that earlier request's {@code Host}: a spoofed one ({@code evil.example}) does not match the
 * sign-in request's own host and so escaped the rule above. There every redirect target is cut to its path, always.
 */
final class SameOriginRedirectFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        java.util.function.UnaryOperator<String> target = isSignIn(request) ? SameOriginRedirectFilter::pathOnly
                : location -> relativeIfOwn(request, location);
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void sendRedirect(String location) throws IOException {
                super.sendRedirect(target.apply(location));
            }

            @Override
            public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
                super.sendRedirect(target.apply(location), sc, clearBuffer);
            }

            @Override
            public void setHeader(String name, String value) {
                super.setHeader(name, isUrlHeader(name) ? target.apply(value) : value);
            }

            @Override
            public void addHeader(String name, String value) {
                super.addHeader(name, isUrlHeader(name) ? target.apply(value) : value);
            }
        });
    }

    /** Where a successful sign-in redirects to the saved request: only ever to a path on this server. */
    static boolean isSignIn(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return ("POST".equals(request.getMethod()) && "/login".equals(path)) || path.startsWith("/login/oauth2/code/");
    }

    /** The path, query and fragment of any URL, with no scheme or host; "//host" can never come out of it. */
    static String pathOnly(String location) {
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            return "/";
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        path = path.replaceFirst("^/+", "/"); // a protocol-relative "//evil.example/x" would name another host
        return path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
    }

    /** Location, and Vaadin's Saved-url (where its client-side login goes next): both built from the request. */
    private static boolean isUrlHeader(String name) {
        return "Location".equalsIgnoreCase(name) || "Saved-url".equalsIgnoreCase(name);
    }

    /** The path, query and fragment of an absolute URL of this request's own origin; anything else unchanged. */
    static String relativeIfOwn(HttpServletRequest request, String location) {
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            return location;
        }
        if (!uri.isAbsolute() || uri.getHost() == null || !uri.getHost().equalsIgnoreCase(request.getServerName())
                || !uri.getScheme().equalsIgnoreCase(request.getScheme()) || port(uri) != request.getServerPort()) {
            return location;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
