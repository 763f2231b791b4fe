package dev.runplane.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.projects.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SsoPropertiesTest {
    private final SsoProperties sso = new SsoProperties(true, "groups", "preferred_username", List.of(
            new SsoProperties.GroupMapping("team-a", "a", Role.USER),
            new SsoProperties.GroupMapping("leads", "a", Role.ADMIN),
            new SsoProperties.GroupMapping("auditors", "b", Role.VIEWER)));

    @Test
    void theStrongestRoleWinsWhereGroupsMapToOneProject() {
        assertThat(sso.rolesFor(List.of("team-a", "leads"))).isEqualTo(Map.of("a", Role.ADMIN));
        assertThat(sso.rolesFor(List.of("leads", "team-a"))).isEqualTo(Map.of("a", Role.ADMIN));
    }

    @Test
    void unmappedGroupsGrantNothingAndNoGroupsMeanNoRoles() {
        assertThat(sso.rolesFor(List.of("auditors", "unknown"))).isEqualTo(Map.of("b", Role.VIEWER));
        assertThat(sso.rolesFor(List.of())).isEmpty();
    }
}
