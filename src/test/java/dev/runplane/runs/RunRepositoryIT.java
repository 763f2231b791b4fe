package dev.runplane.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runplane.projects.ProjectService;
import dev.runplane.support.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The run table on MariaDB with the Liquibase changelog applied. */
@IntegrationTest
class RunRepositoryIT {
    @Autowired
    RunRepository runs;
    @Autowired
    ProjectService projects;
    @Autowired
    JdbcClient jdbc;

    @Test
    void liquibaseAppliedTheBaseSchemaToMariaDb() {
        String product = jdbc.sql("SELECT VERSION()").query(String.class).single();
        assertThat(product).containsIgnoringCase("mariadb");
        Integer applied = jdbc.sql("SELECT COUNT(*) FROM databasechangelog WHERE ID = '001-base-schema'")
                .query(Integer.class).single();
        assertThat(applied).isEqualTo(1);
    }

    @Test
    void aRunRoundTripsWithMicrosecondTimestampsAndItsSpecText() {
        long projectId = projects.require("default").id();
        Instant submitted = Instant.parse("2026-11-28T10:15:30.123456Z");
        String spec = "type: task\nname: round-trip\ncommands:\n  - echo 'héllo ✓'\n";

        Run saved = runs.save(Run.submit(projectId, "round-trip", RunType.TASK, spec, 3, "admin", submitted));
        Run loaded = runs.findByProjectIdAndName(projectId, "round-trip").orElseThrow();

        assertThat(loaded.id()).isEqualTo(saved.id());
        assertThat(loaded.specText()).isEqualTo(spec);
        assertThat(loaded.desiredReplicas()).isEqualTo(3);
        assertThat(loaded.status()).isEqualTo(RunStatus.SUBMITTED);
        assertThat(loaded.stopRequest()).isEqualTo(StopRequest.NONE);
        assertThat(loaded.submittedAt()).isEqualTo(submitted.truncatedTo(ChronoUnit.MICROS));
        assertThat(loaded.version()).isNotNull();
    }

    @Test
    void runNamesAreUniqueWithinAProject() {
        long projectId = projects.require("default").id();
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        runs.save(Run.submit(projectId, "unique-name", RunType.SERVICE, "x", 1, "admin", now));

        assertThatThrownBy(() -> runs.save(Run.submit(projectId, "unique-name", RunType.SERVICE, "x", 1, "admin", now)))
                .isInstanceOf(DuplicateKeyException.class);
    }
}
