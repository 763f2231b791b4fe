package dev.runplane.ui.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.runplane.projects.ProjectAccess;
import dev.runplane.projects.ProjectService;
import dev.runplane.projects.Role;
import dev.runplane.support.BrowserSession;
import dev.runplane.support.IntegrationTest;
import dev.runplane.support.TestDatabaseInitializer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * SSO through a real authorization-code flow against an OIDC provider in this JVM (MockOAuth2Server). Its own
 * Spring context (SSO on, local login off), on a fixed free port so that the redirect URI can come from
 * configuration rather than from request headers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "runplane.admin.password=" + IntegrationTest.ADMIN_PASSWORD,
        "vaadin.launch-browser=false",
        // the shared context (same database) does the reconciling and sampling; two would compete for runs
        "runplane.reconciler.enabled=false",
        "runplane.metrics.enabled=false",
        "runplane.services.enabled=false",
        "runplane.sso.local-login-enabled=false",
        "runplane.sso.group-mappings[0].group=team-a",
        "runplane.sso.group-mappings[0].project=sso-a",
        "runplane.sso.group-mappings[0].role=USER",
        "runplane.sso.group-mappings[1].group=team-b",
        "runplane.sso.group-mappings[1].project=sso-b",
        "runplane.sso.group-mappings[1].role=VIEWER",
        "runplane.sso.group-mappings[2].group=team-a-leads",
        "runplane.sso.group-mappings[2].project=sso-a",
        "runplane.sso.group-mappings[2].role=MANAGER"
})
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@DirtiesContext
class SsoIT {
    /**
     * Vaadin sets the JVM-global SecurityContextHolder strategy to the bean of the context that started last. Put
     * back the one that was there before this class's context, so the shared context's classes that run later
     * are not left with ours.
     */
    private static final SecurityContextHolderStrategy BEFORE = SecurityContextHolder.getContextHolderStrategy();
    private static final String CLIENT_ID = "runplane-it";
    private static final AlgNoneTokenRoute ALG_NONE = new AlgNoneTokenRoute();
    private static final MockOAuth2Server IDP = new MockOAuth2Server(ALG_NONE);
    private static final int PORT = freePort();

    static {
        IDP.start();
    }

    @DynamicPropertySource
    static void sso(DynamicPropertyRegistry registry) {
        String registration = "spring.security.oauth2.client.registration.corp.";
        registry.add("server.port", () -> PORT);
        registry.add(registration + "client-id", () -> CLIENT_ID);
        registry.add(registration + "client-secret", () -> "it-secret");
        registry.add(registration + "client-name", () -> "Corp SSO");
        registry.add(registration + "scope", () -> "openid");
        registry.add(registration + "redirect-uri", () -> "http://localhost:" + PORT + "/login/oauth2/code/corp");
        registry.add("spring.security.oauth2.client.provider.corp.issuer-uri",
                () -> IDP.issuerUrl("default").toString());
        // a second provider that hands out the same subjects (item 9 of issue 13)
        String partner = "spring.security.oauth2.client.registration.partner.";
        registry.add(partner + "client-id", () -> CLIENT_ID);
        registry.add(partner + "client-secret", () -> "it-secret");
        registry.add(partner + "client-name", () -> "Partner SSO");
        registry.add(partner + "scope", () -> "openid");
        registry.add(partner + "redirect-uri", () -> "http://localhost:" + PORT + "/login/oauth2/code/partner");
        registry.add("spring.security.oauth2.client.provider.partner.issuer-uri",
                () -> IDP.issuerUrl("partner").toString());
    }

    @AfterAll
    static void stopIdp() {
        IDP.shutdown();
        SecurityContextHolder.setContextHolderStrategy(BEFORE);
    }

    @Autowired
    ProjectService projects;
    @Autowired
    ProjectAccess access;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    dev.runplane.users.UserService users;

    @BeforeEach
    void projects() {
        for (String name : List.of("sso-a", "sso-b", "sso-c")) {
            if (projects.findByName(name).isEmpty()) {
                projects.createProject(name, name);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String appUrl() {
        return "http://localhost:" + PORT;
    }

    /** The next token the IdP issues: for this subject, with these claims, valid for expirySeconds. */
    private static void nextToken(String subject, Map<String, Object> claims, long expirySeconds) {
        IDP.enqueueCallback(new DefaultOAuth2TokenCallback("default", subject, "JWT", List.of(CLIENT_ID), claims,
                expirySeconds));
    }

    private static Map<String, Object> claims(String username, List<String> groups) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("preferred_username", username);
        claims.put("name", "Test " + username);
        claims.put("groups", groups);
        return claims;
    }

    /** Logs in; the IdP's token for it is queued only once the flow reached the IdP, so none is left behind. */
    private static OidcBrowser.Outcome login(String subject, Map<String, Object> claims, long expirySeconds) {
        return new OidcBrowser(appUrl()).login("corp", uri -> nextToken(subject, claims, expirySeconds),
                UnaryOperator.identity());
    }

    private Optional<String> usernameOf(String subject) {
        return jdbc.sql("SELECT username FROM app_user WHERE oidc_subject = ?").param(subject).query(String.class)
                .optional();
    }

    private static void assertRejected(OidcBrowser.Outcome outcome) {
        assertThat(outcome.landing()).as("where the failed flow lands").endsWith("/login?error");
        assertThat(outcome.signedIn()).as("a session after a failed flow").isFalse();
    }

    @Test
    void firstLoginCreatesTheUserAndGroupClaimsMapToRolesThatShrinkWithTheClaim() {
        String subject = UUID.randomUUID().toString();
        OidcBrowser.Outcome first = login(subject, claims("sso-alice", List.of("team-a", "team-b", "unmapped")), 3600);

        assertThat(first.signedIn()).as("signed in after " + first.landing()).isTrue();
        assertThat(usernameOf(subject)).contains("sso-alice");
        assertThat(access.roleOf("sso-alice", "sso-a")).contains(Role.USER);
        assertThat(access.roleOf("sso-alice", "sso-b")).contains(Role.VIEWER);
        // a grant made by hand is not the IdP's to take away
        projects.putMember("sso-c", "sso-alice", Role.USER);

        assertThat(login(subject, claims("sso-alice", List.of("team-a", "team-a-leads")), 3600).signedIn()).isTrue();

        assertThat(access.roleOf("sso-alice", "sso-a")).contains(Role.MANAGER);
        assertThat(access.roleOf("sso-alice", "sso-b")).isEmpty();
        assertThat(access.roleOf("sso-alice", "sso-c")).contains(Role.USER);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE oidc_subject = ?").param(subject)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM run_event WHERE actor = 'sso' AND action = 'MEMBER_REMOVED' "
                + "AND before_state = 'member=sso-alice role=VIEWER'").query(Integer.class).single()).isEqualTo(1);

        assertThat(login(subject, claims("sso-alice", List.of()), 3600).signedIn()).isTrue();
        assertThat(access.roleOf("sso-alice", "sso-a")).isEmpty();
    }

    /**
     * Issue 13, items 9 and 7: the same subject at two providers opened one account; identities are (issuer,
     * subject). And a display name from the IdP with a bidi override, a bell and a zero-width space is cleaned.
     */
    @Test
    void theSameSubjectAtTwoProvidersIsTwoPeopleAndIdpDisplayNamesAreCleaned() {
        String subject = UUID.randomUUID().toString();
        Map<String, Object> first = claims("sso-twin-corp", List.of());
        first.put("name", "Eve\u202E Mallory\u0007\u200B");
        assertThat(login(subject, first, 3600).signedIn()).isTrue();
        OidcBrowser.Outcome partner = new OidcBrowser(appUrl()).login("partner", uri -> IDP.enqueueCallback(
                new DefaultOAuth2TokenCallback("partner", subject, "JWT", List.of(CLIENT_ID),
                        claims("sso-twin-partner", List.of()), 3600)), UnaryOperator.identity());
        assertThat(partner.signedIn()).as("signed in after " + partner.landing()).isTrue();

        List<Map<String, Object>> rows = jdbc.sql("SELECT username, oidc_issuer, display_name FROM app_user "
                + "WHERE oidc_subject = ? ORDER BY username").param(subject).query().listOfRows();
        assertThat(rows).extracting(row -> row.get("username")).containsExactly("sso-twin-corp", "sso-twin-partner");
        assertThat(rows).extracting(row -> row.get("oidc_issuer")).containsExactly(
                IDP.issuerUrl("default").toString(), IDP.issuerUrl("partner").toString());
        assertThat(rows.get(0).get("display_name")).isEqualTo("Eve Mallory");
    }

    /** Item 9: SSO users from before issuers were recorded, with several providers: refuse, and say what to do. */
    @Test
    void ssoUsersWithoutAnIssuerGetTheOneProvidersIssuerAndSeveralProvidersRefuseToStart() {
        String subject = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO app_user (username, display_name, oidc_subject, global_admin, enabled, created_at) "
                + "VALUES ('sso-legacy', 'Legacy', ?, FALSE, TRUE, CURRENT_TIMESTAMP)").param(subject).update();
        try {
            assertThatThrownBy(() -> SsoIdentityMigration.migrate(users, List.of("https://a.example",
                    "https://b.example")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("1 SSO users")
                    .hasMessageContaining("Start Runplane once with only the provider those users signed in with");
            assertThat(usernameOf(subject)).contains("sso-legacy");

            SsoIdentityMigration.migrate(users, List.of(IDP.issuerUrl("default").toString()));

            assertThat(jdbc.sql("SELECT oidc_issuer FROM app_user WHERE username = 'sso-legacy'").query(String.class)
                    .single()).isEqualTo(IDP.issuerUrl("default").toString());
            // and that user now signs in through that provider as before
            assertThat(login(subject, claims("sso-legacy", List.of()), 3600).signedIn()).isTrue();
        } finally {
            jdbc.sql("DELETE FROM app_user WHERE username = 'sso-legacy'").update();
        }
    }

    @Test
    void anIdpNameThatBelongsToALocalUserIsRefusedNotLinked() {
        String subject = UUID.randomUUID().toString();
        assertRejected(login(subject, claims(IntegrationTest.ADMIN, List.of("team-a")), 3600));
        assertThat(usernameOf(subject)).isEmpty();
    }

    @Test
    void aWrongStateIsRejected() {
        String subject = UUID.randomUUID().toString();
        OidcBrowser.Outcome outcome = new OidcBrowser(appUrl()).login("corp",
                // nothing queued: with a wrong state the app must never reach the token endpoint
                uri -> { },
                callback -> UriComponentsBuilder.fromUriString(callback).replaceQueryParam("state", "forged")
                        .build().toUriString());
        assertRejected(outcome);
        assertThat(usernameOf(subject)).isEmpty();
    }

    @Test
    void aWrongNonceIsRejected() {
        rejectedWithClaim("nonce", "not-the-nonce-we-sent", 3600);
    }

    @Test
    void aWrongIssuerIsRejected() {
        rejectedWithClaim("iss", "http://localhost:1/evil", 3600);
    }

    @Test
    void aWrongAudienceIsRejected() {
        rejectedWithClaim("aud", List.of("some-other-client"), 3600);
    }

    @Test
    void anExpiredTokenIsRejected() {
        rejectedWithClaim("name", "late", -3600);
    }

    @Test
    void anUnsignedTokenIsRejected() {
        String subject = UUID.randomUUID().toString();
        OidcBrowser.Outcome outcome = new OidcBrowser(appUrl()).login("corp", authorize -> ALG_NONE.arm(
                        IDP.issuerUrl("default").toString(), CLIENT_ID, subject, nonce(authorize)),
                UnaryOperator.identity());
        ALG_NONE.disarm();
        assertRejected(outcome);
        assertThat(usernameOf(subject)).isEmpty();
    }

    @Test
    void withLocalLoginOffThePasswordFormIsRefused() {
        OidcBrowser browser = new OidcBrowser(appUrl());
        browser.post("/login", "username=" + IntegrationTest.ADMIN + "&password=" + IntegrationTest.ADMIN_PASSWORD);
        assertThat(browser.signedIn()).isFalse();
    }

    @Test
    void theLoginPageOffersTheProviderAndSignsInThroughIt() {
        try (BrowserSession browser = new BrowserSession(appUrl())) {
            browser.open("/login");
            PlaywrightAssertions.assertThat(browser.page().getByText("Sign in with Corp SSO")).isVisible();
            PlaywrightAssertions.assertThat(browser.page().locator("input[name='password']")).hasCount(0);
            nextToken(UUID.randomUUID().toString(), claims("sso-bob", List.of("team-a")), 3600);

            browser.page().getByText("Sign in with Corp SSO").click();

            PlaywrightAssertions.assertThat(browser.page().locator("#signed-in-user")).hasText("sso-bob",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(20_000));
        }
    }

    /** BAD-INPUTS: the redirect to the IdP carries the configured redirect URI, whatever Host the request claims. */
    @Test
    void aSpoofedHostNeverBecomesTheRedirectUri() throws IOException {
        String head;
        try (java.net.Socket socket = new java.net.Socket("localhost", PORT)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /oauth2/authorization/corp HTTP/1.1\r\nHost: evil.example\r\n"
                    + "X-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            head = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        String location = head.lines().filter(l -> l.startsWith("Location:")).findFirst().orElseThrow()
                .substring("Location:".length()).strip();
        assertThat(location).startsWith(IDP.issuerUrl("default").toString()).doesNotContain("evil.example");
        String redirectUri = UriComponentsBuilder.fromUriString(location).build().getQueryParams()
                .getFirst("redirect_uri");
        assertThat(java.net.URLDecoder.decode(redirectUri, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(appUrl() + "/login/oauth2/code/corp");
    }

    private void rejectedWithClaim(String claim, Object value, long expirySeconds) {
        String subject = UUID.randomUUID().toString();
        Map<String, Object> claims = claims("sso-" + claim.hashCode(), List.of("team-a"));
        claims.put(claim, value);
        assertRejected(login(subject, claims, expirySeconds));
        assertThat(usernameOf(subject)).isEmpty();
    }

    private static String nonce(URI authorize) {
        return UriComponentsBuilder.fromUri(authorize).build().getQueryParams().getFirst("nonce");
    }

}
