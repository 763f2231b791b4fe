package dev.runplane.ui.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

class SsoProvidersTest {
    private static ClientRegistration registration(String redirectUri) {
        return ClientRegistration.withRegistrationId("corp").clientId("runplane")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).redirectUri(redirectUri)
                .authorizationUri("https://idp.example/auth").tokenUri("https://idp.example/token").build();
    }

    @Test
    void aRedirectUriBuiltFromRequestHeadersIsRefusedAtStartup() {
        assertThatThrownBy(() -> SsoProviders.requireConfiguredRedirectUri(
                registration("{baseUrl}/login/oauth2/code/{registrationId}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("registration.corp.redirect-uri").hasMessageContaining("spoofed");
        assertThatThrownBy(() -> SsoProviders.requireConfiguredRedirectUri(registration("/login/oauth2/code/corp")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAbsoluteConfiguredRedirectUriIsAccepted() {
        assertThatCode(() -> SsoProviders.requireConfiguredRedirectUri(
                registration("https://runplane.example.com/login/oauth2/code/corp"))).doesNotThrowAnyException();
    }
}
