package dev.runplane.ui.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * The browser chain: Vaadin views, form login, SSO (OIDC, only when a client registration is configured), logout,
 * and the public health probes. Form login and {@code oauth2Login} share this chain and the one login page.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
class UiSecurityConfig {

    /** Before Spring Security's filters, so that the redirects they send are wrapped too. */
    @Bean
    FilterRegistrationBean<SameOriginRedirectFilter> sameOriginRedirects() {
        FilterRegistrationBean<SameOriginRedirectFilter> registration =
                new FilterRegistrationBean<>(new SameOriginRedirectFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Before Spring Security's filters, so that a refused cross-site request never gets a session. */
    @Bean
    FilterRegistrationBean<CrossSiteRequestFilter> crossSiteRequests() {
        FilterRegistrationBean<CrossSiteRequestFilter> registration =
                new FilterRegistrationBean<>(new CrossSiteRequestFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    @Order(2)
    SecurityFilterChain uiFilterChain(HttpSecurity http, SsoProviders sso, SsoUserService ssoUsers,
                                      LoginThrottle throttle, dev.runplane.audit.AuditLog audit) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                .requestMatchers("/styles.css", "/images/**", "/favicon.ico", "/favicon.svg", "/scripts/**")
                .permitAll()
                // the connection badge's check answers 401 itself when signed out (ui.base.ConnectionCheck)
                .requestMatchers("/connection-check").permitAll());
        if (sso.enabled()) {
            // failures (wrong state, nonce, issuer, audience, signature, expiry) land on /login?error: no session
            http.oauth2Login(oauth -> oauth.loginPage("/login")
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(ssoUsers)));
        }
        if (!sso.localLoginEnabled()) {
            http.addFilterBefore(new LocalLoginGate(), UsernamePasswordAuthenticationFilter.class);
        }
        // CSRF token, per-address block and per-name slow-down for the password form
        http.addFilterBefore(new LoginGuardFilter(throttle, audit), UsernamePasswordAuthenticationFilter.class);
        // Vaadin denies every path that is not a known route, so /projects or /foo got a bare "HTTP ERROR 403".
        // Signed-in users get past this filter to the router instead, which shows the styled Not found page (views
        // still check access themselves); everyone else is sent to sign in, as for any other page.
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                .anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::authenticated));
        return http.build();
    }
}
