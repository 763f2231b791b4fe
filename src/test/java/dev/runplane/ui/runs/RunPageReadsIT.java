package dev.runplane.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runplane.base.Actor;
import dev.runplane.base.NotFoundException;
import dev.runplane.base.Source;
import dev.runplane.runs.RunService;
import dev.runplane.support.IntegrationTest;
import dev.runplane.users.UserService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The run page's shared snapshot: one read serves every open page of a run, yet a change is never hidden behind it
 * and every reader's access is checked on every read.
 */
@IntegrationTest
class RunPageReadsIT {
    private static final Actor API_ADMIN = new Actor("admin", Source.API);

    @Autowired
    RunPageReads reads;
    @Autowired
    RunService runService;
    @Autowired
    UserService users;

    @Test
    void pagesOfOneRunShareOneReadUntilTheRunChanges() {
        runService.create(API_ADMIN, "default", "type: service\nname: shared-read\ncommands: [\"sleep 600\"]\n"
                + "replicas: 0\n");
        try {
            RunPageSnapshot first = reads.read("admin", "default", "shared-read").snapshot();
            RunPageSnapshot second = reads.read("admin", "default", "shared-read").snapshot();
            assertThat(second).isSameAs(first);

            runService.scale(API_ADMIN, "default", "shared-read", 1, null); // a real change (the count already wanted is none)
            RunPageSnapshot afterScale = reads.read("admin", "default", "shared-read").snapshot();

            assertThat(afterScale).isNotSameAs(first);
            assertThat(afterScale.events()).hasSizeGreaterThan(first.events().size());
            // the new read holds the scale (the reconciler may already have added a status change after it)
            assertThat(afterScale.events()).extracting(e -> e.action()).contains("SCALED");
        } finally {
            runService.stop(API_ADMIN, "default", "shared-read", true);
        }
    }

    @Test
    void pagesRefreshingAtTheSameMomentWaitForOneReadInsteadOfEachReading() throws Exception {
        runService.create(API_ADMIN, "default", "type: service\nname: burst-read\ncommands: [\"sleep 600\"]\n"
                + "replicas: 0\n");
        ExecutorService pushWorkers = Executors.newFixedThreadPool(8);
        try {
            reads.read("admin", "default", "burst-read");
            runService.scale(API_ADMIN, "default", "burst-read", 1, null); // a change: the next read is a new one
            CountDownLatch start = new CountDownLatch(1);
            List<Future<RunPageSnapshot>> refreshes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                refreshes.add(pushWorkers.submit(() -> {
                    start.await();
                    return reads.read("admin", "default", "burst-read").snapshot();
                }));
            }
            start.countDown();
            Set<RunPageSnapshot> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Future<RunPageSnapshot> refresh : refreshes) {
                distinct.add(refresh.get(10, TimeUnit.SECONDS));
            }
            assertThat(distinct).as("one read served all eight pages").hasSize(1);
            assertThat(distinct.iterator().next().events()).extracting(e -> e.action()).contains("SCALED");
        } finally {
            pushWorkers.shutdownNow();
            runService.stop(API_ADMIN, "default", "burst-read", true);
        }
    }

    @Test
    void aSnapshotKeptForOneReaderIsNeverHandedToSomeoneWhoCannotReadTheProject() {
        runService.create(API_ADMIN, "default", "type: service\nname: private-read\ncommands: [\"sleep 600\"]\n"
                + "replicas: 0\n");
        users.create(API_ADMIN, "outsider-reads", "outsider-password-1", false);
        try {
            assertThat(reads.read("admin", "default", "private-read").snapshot().detail().run().name())
                    .isEqualTo("private-read");

            assertThatThrownBy(() -> reads.read("outsider-reads", "default", "private-read"))
                    .isInstanceOf(NotFoundException.class);
        } finally {
            runService.stop(API_ADMIN, "default", "private-read", true);
        }
    }

    @Test
    void aSnapshotIsReusedForAtMostOneSecondSoCostAndStatsKeepMoving() throws InterruptedException {
        runService.create(API_ADMIN, "default", "type: service\nname: aging-read\ncommands: [\"sleep 600\"]\n"
                + "replicas: 0\n");
        try {
            RunPageSnapshot first = reads.read("admin", "default", "aging-read").snapshot();
            Thread.sleep(RunPageReads.MAX_AGE.toMillis() + 100);

            assertThat(reads.read("admin", "default", "aging-read").snapshot()).isNotSameAs(first);
        } finally {
            runService.stop(API_ADMIN, "default", "aging-read", true);
        }
    }
}
