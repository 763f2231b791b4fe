package dev.runplane.api;

import dev.runplane.api.security.AuthFailureLimiter;
import dev.runplane.api.security.BearerTokenFilter;
import dev.runplane.users.tokens.ApiTokenService;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The API chain: stateless, no cookies, no CSRF (there is no session to ride on), bearer tokens, and a problem+json
 * 401 for every request without valid credentials. Ordered before the UI chain so that {@code /api/**} never
 * reaches form login. The OpenAPI description and Swagger UI are public: they describe the API, they expose no data.
 */
@Configuration
class ApiSecurityConfig {
    /** springdoc's paths (application.yaml): the description, Swagger UI's page, its config and its static files. */
    static final String[] PUBLIC_DOCS = {
            "/api/v1/openapi.json", "/api/v1/openapi.json/**",
            "/api/v1/docs", "/api/v1/docs/**",
            "/api/v1/swagger-ui/**"
    };

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint,
                                       ApiTokenService tokens, AuthFailureLimiter limiter,
                                       ObjectProvider<SecurityContextHolderStrategy> contexts) throws Exception {
        return http
                .securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth
                        // the end of a streamed response (SSE) is an async dispatch of an already authorized request
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, PUBLIC_DOCS).permitAll()
                        .anyRequest().authenticated())
                // the same strategy as this chain's other filters, not the JVM-global one (see BearerTokenFilter)
                .addFilterBefore(new BearerTokenFilter(tokens, limiter, entryPoint,
                                () -> contexts.getIfUnique(SecurityContextHolder::getContextHolderStrategy)),
                        AnonymousAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(ctx -> ctx.requireExplicitSave(true))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .build();
    }
}
