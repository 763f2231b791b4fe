package dev.runplane.ui.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a state-changing request that the browser says another site started ({@code Sec-Fetch-Site:
 * cross-site}), before anything else sees it. Spring Security's CSRF check refuses such a request too, but only
 * after creating a session for it: a browser that (rightly, SameSite) sent no cookie along then stored that new
 * session's cookie over the user's own, and a form on any site could sign the user out. Answered here, with no
 * session touched, the user stays signed in (BAD-INPUTS: cross-site POST → 403). Requests without the header (other
 * clients, old browsers) go on to the CSRF check; the REST API, which takes no cookies, is not concerned, and
 * neither is the OIDC callback, which an identity provider may post from its own site (its {@code state} protects
 * it).
 */
final class CrossSiteRequestFilter extends OncePerRequestFilter {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/login/oauth2/code/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SAFE.contains(request.getMethod()) && "cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
            // not sendError: the error page would run through security and could create a session after all
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            response.getOutputStream().write("Forbidden: a request started by another site\n"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}
