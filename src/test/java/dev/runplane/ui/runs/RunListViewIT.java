package dev.runplane.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridTester;
import dev.runplane.base.Actor;
import dev.runplane.base.Source;
import dev.runplane.projects.ProjectService;
import dev.runplane.projects.Role;
import dev.runplane.runs.RunQueries.RunRow;
import dev.runplane.runs.RunService;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.UserService;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * The runs list's template actions in a browserless UI against the real services: Stop goes through the run
 * service at once, Abort only after the confirmation, and a VIEWER's rows are not operable — calling the template
 * functions anyway (as a crafted client could) changes nothing.
 */
@IntegrationTest
class RunListViewIT extends SpringBrowserlessTest {
    private static final String PROJECT = "rlv";
    private static final String VIEWER = "rlv-viewer";
    private static final String SPEC = "type: service\nname: %s\nreplicas: 0\ncommands: [\"sleep 600\"]\n";

    @Autowired
    ProjectService projects;
    @Autowired
    UserService users;
    @Autowired
    RunService runs;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void project() {
        if (projects.findByName(PROJECT).isPresent()) {
            return; // the context, and so the database, is shared by every IT
        }
        projects.createProject(PROJECT, "Runs list view");
        users.createLocalUser(VIEWER, "password-" + VIEWER, false);
        projects.putMember(PROJECT, VIEWER, Role.VIEWER);
        for (String run : new String[] {"rlv-stop", "rlv-abort", "rlv-viewed"}) {
            runs.create(new Actor(IntegrationTest.ADMIN, Source.UI), PROJECT, SPEC.formatted(run));
        }
    }

    @Test
    @WithMockUser(username = IntegrationTest.ADMIN)
    void stopActsAtOnceAndAbortOnlyAfterTheConfirmation() {
        GridTester<Grid<RunRow>, RunRow> grid = openList();
        int stop = rowOf(grid, "rlv-stop");
        assertThat(grid.getLitRendererPropertyValue(stop, "actions", "operable", Boolean.class)).isTrue();
        assertThat(grid.getLitRendererPropertyValue(stop, "name", "href", String.class))
                .isEqualTo("projects/rlv/runs/rlv-stop");
        assertThat(grid.getLitRendererPropertyValue(stop, "status", "statusClass", String.class))
                .isEqualTo(StatusBadge.cssClass(grid.getRow(stop).status()));

        grid.invokeLitRendererFunction(stop, "actions", "stop");
        assertThat(stopRequest("rlv-stop")).isEqualTo("STOP");

        grid.invokeLitRendererFunction(rowOf(grid, "rlv-abort"), "actions", "abort");
        Dialog confirm = $(Dialog.class).id("confirm-abort");
        assertThat(stopRequest("rlv-abort")).isEqualTo("NONE");
        test($(Button.class, confirm).id("confirm-abort-confirm")).click();
        assertThat(stopRequest("rlv-abort")).isEqualTo("ABORT");
    }

    @Test
    @WithMockUser(username = VIEWER)
    void aViewersRowsAreNotOperableAndTheirFunctionsDoNothing() {
        GridTester<Grid<RunRow>, RunRow> grid = openList();
        int row = rowOf(grid, "rlv-viewed");
        assertThat(grid.getLitRendererPropertyValue(row, "actions", "operable", Boolean.class)).isFalse();

        grid.invokeLitRendererFunction(row, "actions", "stop");
        grid.invokeLitRendererFunction(row, "actions", "abort");

        assertThat($(Dialog.class).all()).isEmpty();
        assertThat(stopRequest("rlv-viewed")).isEqualTo("NONE");
    }

    @SuppressWarnings("unchecked")
    private GridTester<Grid<RunRow>, RunRow> openList() {
        navigate(RunListView.class, Map.of("project", PROJECT));
        return test((Grid<RunRow>) $(Grid.class).id("runs-grid"));
    }

    private static int rowOf(GridTester<Grid<RunRow>, RunRow> grid, String run) {
        return IntStream.range(0, grid.size()).filter(i -> grid.getRow(i).name().equals(run)).findFirst()
                .orElseThrow();
    }

    private String stopRequest(String run) {
        return jdbc.sql("SELECT r.stop_request FROM run r JOIN project p ON p.id = r.project_id "
                        + "WHERE p.name = ? AND r.name = ?")
                .params(PROJECT, run).query(String.class).single();
    }
}
