package dev.runplane.ui.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import kotlin.jvm.functions.Function1;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponseKt;
import no.nav.security.mock.oauth2.http.Route;

/**
 * A token endpoint that, while armed, answers like the real one but with an unsigned ({@code alg: none}) ID token
 * whose claims are otherwise right (issuer, audience, nonce, expiry): the mock server itself always signs.
 */
final class AlgNoneTokenRoute implements Route, Function1<OAuth2HttpRequest, OAuth2HttpResponse> {
    private volatile String issuer;
    private volatile String audience;
    private volatile String subject;
    private volatile String nonce;

    void arm(String issuer, String audience, String subject, String nonce) {
        this.issuer = issuer;
        this.audience = audience;
        this.subject = subject;
        this.nonce = nonce;
    }

    void disarm() {
        nonce = null;
    }

    @Override
    public boolean match(OAuth2HttpRequest request) {
        return nonce != null && "POST".equals(request.getMethod())
                && request.getUrl().encodedPath().endsWith("/token");
    }

    @Override
    public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String claims = b64(("{\"iss\":\"%s\",\"sub\":\"%s\",\"aud\":[\"%s\"],\"iat\":%d,\"exp\":%d,\"nonce\":\"%s\","
                + "\"preferred_username\":\"sso-mallory\"}").formatted(issuer, subject, audience, now, now + 3600,
                nonce));
        String body = """
                {"access_token":"opaque","token_type":"Bearer","expires_in":3600,"scope":"openid","id_token":"%s"}"""
                .formatted(header + "." + claims + ".");
        disarm();
        return OAuth2HttpResponseKt.json(body);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
