package dev.runplane.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runplane.base.Actor;
import dev.runplane.base.RunplaneProperties;
import dev.runplane.base.Source;
import dev.runplane.execution.BackendRegistry;
import dev.runplane.runs.RunService;
import dev.runplane.support.IntegrationTest;
import dev.runplane.support.Replicas;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Concurrent writers and concurrent reconcilers against one MariaDB. */
@IntegrationTest
class ConcurrencyIT {
    private static final Actor ADMIN = new Actor("admin", Source.API);

    @Autowired
    RunService runService;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    Clock clock;
    @Autowired
    RunplaneProperties properties;
    @Autowired
    ReconcileStore store;
    @Autowired
    BackendRegistry backends;
    @Autowired
    ReplicaLauncherStep launcher;
    @Autowired
    ApplicationEventPublisher events;

    private long version(String run) {
        return jdbc.sql("SELECT version FROM run WHERE name = ?").param(run).query(Long.class).single();
    }

    @Test
    void twoScaleRequestsForTheSameVersionOneWinsTheOtherConflicts() throws Exception {
        runService.create(ADMIN, "default", "type: service\nname: two-scales\ncommands: [\"sleep 600\"]\nreplicas: 0\n");
        long version = version("two-scales");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<String>> calls = List.of(
                    () -> attempt(() -> runService.scale(ADMIN, "default", "two-scales", 1, version)),
                    () -> attempt(() -> runService.scale(new Actor("admin", Source.UI), "default", "two-scales", 2,
                            version)));
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).containsExactlyInAnyOrder("ok", "conflict");
        } finally {
            pool.shutdown();
        }
        assertThat(version("two-scales")).isEqualTo(version + 1);
        runService.stop(ADMIN, "default", "two-scales", false);
    }

    private static String attempt(Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (OptimisticLockingFailureException e) {
            return "conflict";
        }
    }

    @Test
    void twoReconcilersOnOneDatabaseNeverLaunchTheSameReplicaTwice() throws Exception {
        // a second node: its own lease owner and spec cache, the same database and backends
        RunReconciler second = new RunReconciler(new LeaseClaimer(jdbc, tx, clock, properties,
                dev.runplane.base.NodeIdentity.of(java.nio.file.Files.createTempDirectory("second-node"))), store,
                new SpecCache(), backends, launcher, events, clock);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread secondNode = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                try {
                    second.pass();
                } catch (RuntimeException ignored) {
                    // keep competing, like the real loop does
                }
            }
        });
        List<String> runs = List.of("twin-a", "twin-b", "twin-c", "twin-d");
        try {
            for (String run : runs) {
                runService.create(ADMIN, "default", "type: service\nname: " + run
                        + "\ncommands: [\"sleep 600\"]\nreplicas: 3\n");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                    SELECT COUNT(*) FROM replica_submission s JOIN run r ON r.id = s.run_id
                    WHERE r.name LIKE 'twin-%' AND s.status = 'RUNNING'""").query(Integer.class).single() == 12);
            // let both nodes keep going for a while: still nothing launched twice
            Thread.sleep(1500);
        } finally {
            running.set(false);
            secondNode.join();
        }
        int submissions = jdbc.sql("""
                SELECT COUNT(*) FROM replica_submission s JOIN run r ON r.id = s.run_id
                WHERE r.name LIKE 'twin-%'""").query(Integer.class).single();
        assertThat(submissions).as("one submission per replica, no duplicates").isEqualTo(12);
        Set<Long> pids = new HashSet<>();
        for (String run : runs) {
            for (int replica = 0; replica < 3; replica++) {
                List<Long> replicaPids = Replicas.pids(jdbc, run, replica);
                assertThat(replicaPids).hasSize(1);
                assertThat(Replicas.alive(replicaPids.getFirst())).isTrue();
                pids.add(replicaPids.getFirst());
            }
            runService.stop(ADMIN, "default", run, true);
        }
        assertThat(pids).hasSize(12);
    }
}
