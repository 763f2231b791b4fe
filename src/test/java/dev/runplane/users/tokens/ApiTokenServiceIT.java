package dev.runplane.users.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runplane.base.NotFoundException;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.AdminReady;
import dev.runplane.users.UserService;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class ApiTokenServiceIT {
    @Autowired
    ApiTokenService tokens;
    @Autowired
    UserService users;
    @Autowired
    JdbcClient jdbc;

    @Test
    void createdTokenAuthenticatesAsItsUserAndIsStoredOnlyAsAHash() {
        CreatedToken created = tokens.create(IntegrationTest.ADMIN, "service-it", null);

        assertThat(created.secret()).startsWith("rp_").hasSize(46).startsWith(created.prefix());
        assertThat(created.toString()).doesNotContain(created.secret());
        assertThat(tokens.authenticate(created.secret()))
                .contains(new AuthenticatedToken(created.id(), IntegrationTest.ADMIN, true));
        String storedHash = jdbc.sql("SELECT secret_hash FROM api_token WHERE id = ?").param(created.id())
                .query(String.class).single();
        assertThat(storedHash).hasSize(64).isEqualTo(TokenSecrets.hash(created.secret()));
    }

    @Test
    void secretsAreNeverRepeated() {
        String a = tokens.create(IntegrationTest.ADMIN, "a", null).secret();
        String b = tokens.create(IntegrationTest.ADMIN, "b", null).secret();

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void namesAreCheckedWithClearMessages() {
        assertThatThrownBy(() -> tokens.create(IntegrationTest.ADMIN, " ", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("required");
        assertThatThrownBy(() -> tokens.create(IntegrationTest.ADMIN, "x".repeat(101), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 100");
        assertThatThrownBy(() -> tokens.create(IntegrationTest.ADMIN, "a\u0000b", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control characters");
        assertThatThrownBy(() -> tokens.create(IntegrationTest.ADMIN, "evil\u202Etxt", null))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(tokens.create(IntegrationTest.ADMIN, "  CI – nightly 🚀 ", null).name()).isEqualTo("CI – nightly 🚀");
        assertThat(tokens.create(IntegrationTest.ADMIN, "é".repeat(100), null).name()).hasSize(100);
    }

    @Test
    void expiryMustBeInTheFuture() {
        assertThatThrownBy(() -> tokens.create(IntegrationTest.ADMIN, "past", Instant.now().minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("future");
        assertThatThrownBy(() -> tokens.create(IntegrationTest.ADMIN, "far", Instant.parse("+20000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void revokedExpiredUnknownAndDisabledUsersTokensAreRefused() {
        String username = newUser();
        CreatedToken revoked = tokens.create(username, "revoked", null);
        CreatedToken expired = tokens.create(username, "expired", Instant.now().plus(1, ChronoUnit.DAYS));
        CreatedToken ofDisabledUser = tokens.create(username, "disabled", null);
        tokens.revoke(username, revoked.id());
        jdbc.sql("UPDATE api_token SET expires_at = ? WHERE id = ?")
                .params(LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1), expired.id()).update();

        assertThat(tokens.authenticate(revoked.secret())).isEmpty();
        assertThat(tokens.authenticate(expired.secret())).isEmpty();
        assertThat(tokens.authenticate("rp_" + UUID.randomUUID())).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate(ofDisabledUser.secret())).isPresent();

        jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE username = ?").param(username).update();
        assertThat(tokens.authenticate(ofDisabledUser.secret())).isEmpty();
    }

    @Test
    void usersSeeAndRevokeOnlyTheirOwnTokens() {
        String alice = newUser();
        String bob = newUser();
        CreatedToken alices = tokens.create(alice, "alice's", null);

        assertThat(tokens.list(bob)).isEmpty();
        assertThatThrownBy(() -> tokens.revoke(bob, alices.id())).isInstanceOf(NotFoundException.class);
        assertThat(tokens.authenticate(alices.secret())).isPresent();

        tokens.revoke(alice, alices.id());
        tokens.revoke(alice, alices.id());
        List<TokenInfo> listed = tokens.list(alice);
        assertThat(listed).singleElement().satisfies(info -> {
            assertThat(info.prefix()).isEqualTo(alices.prefix());
            assertThat(info.revokedAt()).isNotNull();
        });
    }

    @Test
    void lastUsedIsWrittenAtMostOncePerMinute() {
        CreatedToken created = tokens.create(newUser(), "busy", null);
        LocalDateTime recent = LocalDateTime.now(ZoneOffset.UTC).minusSeconds(30).truncatedTo(ChronoUnit.MICROS);
        LocalDateTime old = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(5).truncatedTo(ChronoUnit.MICROS);

        setLastUsed(created.id(), recent);
        tokens.authenticate(created.secret());
        assertThat(lastUsed(created.id())).isEqualTo(recent);

        setLastUsed(created.id(), old);
        tokens.authenticate(created.secret());
        assertThat(lastUsed(created.id())).isAfter(recent);
    }

    @Test
    void configuredAdminTokenIsInstalledIdempotentlyAndReplacesTheOldOne() {
        String first = "rp_bootstrap-" + UUID.randomUUID();
        String second = "rp_bootstrap-" + UUID.randomUUID();

        new BootstrapToken(tokens, new BootstrapTokenProperties(first)).on(new AdminReady(IntegrationTest.ADMIN));
        long firstId = tokens.authenticate(first).orElseThrow().tokenId();
        new BootstrapToken(tokens, new BootstrapTokenProperties(first)).on(new AdminReady(IntegrationTest.ADMIN));
        assertThat(tokens.authenticate(first).orElseThrow().tokenId()).as("same row on a restart").isEqualTo(firstId);

        new BootstrapToken(tokens, new BootstrapTokenProperties(second)).on(new AdminReady(IntegrationTest.ADMIN));

        assertThat(tokens.authenticate(second)).hasValueSatisfying(token -> {
            assertThat(token.username()).isEqualTo(IntegrationTest.ADMIN);
            assertThat(token.globalAdmin()).isTrue();
        });
        assertThat(tokens.authenticate(first)).as("replaced").isEmpty();
        assertThat(tokens.list(IntegrationTest.ADMIN).stream()
                .filter(t -> t.name().equals("bootstrap") && t.revokedAt() == null)).hasSize(1);
    }

    @Test
    void malformedConfiguredAdminTokenStopsStartUpWithoutRepeatingIt() {
        for (String bad : List.of("rp_short", "xx_" + "a".repeat(30), "rp_with space " + "a".repeat(20))) {
            assertThatThrownBy(() -> new BootstrapToken(tokens, new BootstrapTokenProperties(bad)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("RUNPLANE_ADMIN_TOKEN")
                    .hasMessageNotContaining(bad);
        }
        assertThat(new BootstrapTokenProperties("rp_" + "a".repeat(30)).toString()).doesNotContain("aaaa");
    }

    private String newUser() {
        String username = "it-tok-" + UUID.randomUUID().toString().substring(0, 8);
        users.createLocalUser(username, "pw-" + UUID.randomUUID(), false);
        return username;
    }

    private void setLastUsed(long id, LocalDateTime value) {
        jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ?").params(value, id).update();
    }

    private LocalDateTime lastUsed(long id) {
        return jdbc.sql("SELECT last_used_at FROM api_token WHERE id = ?").param(id).query(LocalDateTime.class)
                .single();
    }
}
