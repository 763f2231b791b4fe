package dev.runplane.ui.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.runplane.projects.MemberInfo;
import dev.runplane.projects.Role;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.UserService;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

/** The members view in a browserless UI against the real services: add a member; the last admin stays. */
@IntegrationTest
@WithMockUser(username = "admin")
class MembersViewIT extends SpringBrowserlessTest {
    @Autowired
    UserService users;

    @Test
    @SuppressWarnings("unchecked")
    void anAddedViewerIsListedAndTheLastAdminCannotBeDemoted() {
        String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        users.createLocalUser(viewer, "a-long-enough-password", false);
        MembersView view = navigate(MembersView.class, Map.of("project", "default"));

        test($(TextField.class).id("member-username")).setValue(viewer);
        test((Select<Role>) $(Select.class).id("member-role")).selectItem("VIEWER");
        test($(Button.class).id("member-add")).click();

        Grid<MemberInfo> grid = $(Grid.class).id("members-grid");
        var rows = test(grid);
        assertThat(IntStream.range(0, rows.size()).mapToObj(rows::getRow))
                .anyMatch(m -> m.username().equals(viewer) && m.role() == Role.VIEWER);

        int adminRow = IntStream.range(0, rows.size()).filter(i -> rows.getRow(i).username().equals("admin"))
                .findFirst().orElseThrow();
        Select<Role> adminRole = (Select<Role>) rows.getCellComponent(adminRow, "role");
        test(adminRole).selectItem("VIEWER");

        assertThat($(Notification.class).all()).extracting(n -> test(n).getText())
                .anyMatch(text -> text.contains("last admin"));
        assertThat(rows.getRow(adminRow).role()).isEqualTo(Role.ADMIN);
        assertThat(view.isAttached()).isTrue();
    }
}
