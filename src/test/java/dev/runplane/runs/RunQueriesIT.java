package dev.runplane.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runplane.base.Actor;
import dev.runplane.base.NotFoundException;
import dev.runplane.base.Source;
import dev.runplane.projects.ProjectService;
import dev.runplane.projects.Role;
import dev.runplane.projects.MemberService;
import dev.runplane.runs.RunQueries.Filter;
import dev.runplane.runs.RunQueries.RunRow;
import dev.runplane.runs.RunQueries.Sort;
import dev.runplane.runs.RunQueries.SortField;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.UserService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** The runs list read model on MariaDB: every sort pages through all runs exactly once, in order; filters narrow. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunQueriesIT {
    private static final Actor ADMIN = new Actor("admin", Source.API);
    private static final String PROJECT = "list-queries";
    private static final int RUNS = 23;

    @Autowired
    RunQueries queries;
    @Autowired
    RunService runs;
    @Autowired
    ProjectService projects;
    @Autowired
    MemberService members;
    @Autowired
    UserService users;

    @BeforeAll
    void someRuns() {
        projects.createProject(ADMIN, PROJECT, "List queries", "admin");
        users.create(ADMIN, "list-alice", "list-alice-password-1", false);
        users.create(ADMIN, "list-bob", "list-bob-password-1", false);
        members.setMember(ADMIN, PROJECT, "list-alice", Role.USER);
        members.setMember(ADMIN, PROJECT, "list-bob", Role.USER);
        for (int i = 0; i < RUNS; i++) {
            Actor who = new Actor(i % 3 == 0 ? "list-bob" : "list-alice", Source.API);
            String type = i % 2 == 0 ? "task" : "service";
            // names deliberately not in creation order, so the name sort differs from the time sort
            runs.create(who, PROJECT, "type: %s\nname: run-%02d\ncommands: [\"true\"]\nreplicas: 0\n"
                    .formatted(type, (i * 7) % RUNS));
        }
    }

    @Test
    void everySortPagesThroughAllRunsOnceInOrder() {
        for (SortField field : SortField.values()) {
            for (boolean ascending : new boolean[] {true, false}) {
                List<RunRow> all = new ArrayList<>();
                for (int offset = 0; offset < RUNS + 5; offset += 5) {
                    all.addAll(queries.page("admin", PROJECT, Filter.NONE, new Sort(field, ascending), offset, 5));
                }
                assertThat(all).as("%s %s", field, ascending ? "asc" : "desc").hasSize(RUNS)
                        .extracting(RunRow::id).doesNotHaveDuplicates();
                Comparator<RunRow> order = key(field).thenComparingLong(RunRow::id);
                assertThat(all).as("%s %s", field, ascending ? "asc" : "desc")
                        .isSortedAccordingTo(ascending ? order : order.reversed());
            }
        }
    }

    @Test
    void filtersNarrowTheListAndTheCountAgrees() {
        Filter bob = new Filter(null, null, "bob");
        List<RunRow> bobs = queries.page("admin", PROJECT, bob, Sort.NEWEST_FIRST, 0, 100);
        assertThat(bobs).hasSize(8).allSatisfy(r -> assertThat(r.submittedBy()).isEqualTo("list-bob"));
        assertThat(queries.count("admin", PROJECT, bob)).isEqualTo(8);

        Filter name = new Filter(null, "run-1", null);
        assertThat(queries.page("admin", PROJECT, name, Sort.NEWEST_FIRST, 0, 100)).extracting(RunRow::name)
                .containsExactlyInAnyOrder("run-10", "run-11", "run-12", "run-13", "run-14", "run-15", "run-16",
                        "run-17", "run-18", "run-19");
        // LIKE wildcards in the filter are plain characters
        assertThat(queries.count("admin", PROJECT, new Filter(null, "run-%", null))).isZero();
        assertThat(queries.isEmpty("admin", PROJECT)).isFalse();
    }

    @Test
    void anEmptyProjectIsEmptyAndAForeignReaderSeesNothing() {
        projects.createProject(ADMIN, "list-empty", "Empty", "admin");
        assertThat(queries.isEmpty("admin", "list-empty")).isTrue();
        users.create(ADMIN, "list-outsider", "list-outsider-password-1", false);

        assertThatThrownBy(() -> queries.page("list-outsider", PROJECT, Filter.NONE, Sort.NEWEST_FIRST, 0, 10))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> queries.isEmpty("list-outsider", PROJECT)).isInstanceOf(NotFoundException.class);
    }

    private static Comparator<RunRow> key(SortField field) {
        return switch (field) {
            case NAME -> Comparator.comparing(RunRow::name);
            case TYPE -> Comparator.comparing(r -> r.type().name());
            case STATUS -> Comparator.comparing(r -> r.status().name());
            case SUBMITTED_BY -> Comparator.comparing(RunRow::submittedBy);
            case SUBMITTED_AT -> Comparator.comparing(RunRow::submittedAt);
        };
    }
}
