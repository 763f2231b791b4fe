package dev.runplane.ui.runs;

import dev.runplane.base.NotFoundException;
import dev.runplane.billing.CostQueries;
import dev.runplane.metrics.StatsQueries;
import dev.runplane.projects.ProjectAccess;
import dev.runplane.projects.Role;
import dev.runplane.runs.EventQueries;
import dev.runplane.runs.RunChanged;
import dev.runplane.runs.RunDetails;
import dev.runplane.runs.RunDetails.RunDetail;
import dev.runplane.ui.metrics.StatsPanel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Reads the run page's snapshot once per change and hands the same snapshot to every open page of that run: twenty
 * browsers on one run cost one read, not twenty (the UI-freshness benchmark, docs/benchmarks.md).
 *
 * <p>Still no stale state (DESIGN.md, "UI updates"): a change notice invalidates the run's snapshot before any view
 * hears about it (this listener runs first), a read that overlapped a change is handed out but never kept, and a
 * kept snapshot is reused for at most {@link #MAX_AGE} so money and stats that move with the clock stay current.
 * Read access is checked for every reader on every read; the snapshot's content does not depend on who reads it
 * (roles decide what a user may do, not what a member sees).
 */
@Component
class RunPageReads {
    static final Duration MAX_AGE = Duration.ofSeconds(1);
    static final int EVENTS_SHOWN = 100;
    /** Forget runs nobody looked at for this long. */
    private static final Duration IDLE = Duration.ofMinutes(2);

    private record Key(String project, String run) {
    }

    /**
     * One run's cache slot. {@code generation} counts the changes seen since the slot was made; a read only
     * keeps its result when no change arrived while it ran. {@code reading} is the read under way for this
     * generation, which readers arriving meanwhile wait for instead of reading the same thing again.
     */
    private record Slot(long generation, RunPageSnapshot snapshot, long readAtNanos, long usedAtNanos,
                        CompletableFuture<RunPageSnapshot> reading) {
        Slot invalidated() {
            return new Slot(generation + 1, null, 0, usedAtNanos, null);
        }

        boolean freshAt(long now) {
            return snapshot != null && now - readAtNanos < MAX_AGE.toNanos();
        }
    }

    private final Map<Key, Slot> slots = new ConcurrentHashMap<>();
    private final ProjectAccess access;
    private final RunDetails runDetails;
    private final CostQueries costs;
    private final StatsQueries stats;
    private final EventQueries events;

    RunPageReads(ProjectAccess access, RunDetails runDetails, CostQueries costs, StatsQueries stats,
                 EventQueries events) {
        this.access = access;
        this.runDetails = runDetails;
        this.costs = costs;
        this.stats = stats;
        this.events = events;
    }

    /** What one reader gets: the shared snapshot and the reader's own role in the project. */
    record ForReader(Role role, RunPageSnapshot snapshot) {
    }

    /**
     * The current snapshot of a run, with the reader's role (one query: a page refresh needs the role anyway, to
     * know which actions to offer).
     *
     * @throws NotFoundException when the reader cannot see the project or the run
     */
    ForReader read(String reader, String project, String run) {
        Role role = access.roleOf(reader, project)
                .orElseThrow(() -> new NotFoundException("project '" + project + "' not found"));
        return new ForReader(role, snapshot(reader, project, run));
    }

    private RunPageSnapshot snapshot(String reader, String project, String run) {
        Key key = new Key(project, run);
        long now = System.nanoTime();
        CompletableFuture<RunPageSnapshot> mine = new CompletableFuture<>();
        // the pages of a run refresh at the same moment on several push workers: the first one reads, the others
        // wait for its read (a change arriving meanwhile starts a new generation, read again by whoever comes next)
        Slot slot = slots.compute(key, (k, s) -> s == null ? new Slot(0, null, 0, now, mine)
                : s.freshAt(now) || s.reading() != null ? new Slot(s.generation(), s.snapshot(), s.readAtNanos(), now,
                s.reading())
                : new Slot(s.generation(), s.snapshot(), s.readAtNanos(), now, mine));
        if (slot.freshAt(now)) {
            return slot.snapshot();
        }
        if (slot.reading() != mine) {
            try {
                return slot.reading().join();
            } catch (CompletionException | CancellationException e) {
                return readNow(reader, project, run); // the other reader's read failed: this reader's own verdict
            }
        }
        try {
            RunPageSnapshot fresh = readNow(reader, project, run);
            slots.computeIfPresent(key, (k, s) -> s.generation() == slot.generation()
                    ? new Slot(s.generation(), fresh, now, s.usedAtNanos(), null) : s);
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException e) {
            slots.computeIfPresent(key, (k, s) -> s.reading() == mine
                    ? new Slot(s.generation(), s.snapshot(), s.readAtNanos(), s.usedAtNanos(), null) : s);
            mine.completeExceptionally(e);
            throw e;
        } finally {
            forgetIdle(now);
        }
    }

    private RunPageSnapshot readNow(String reader, String project, String run) {
        RunDetail detail = runDetails.detail(reader, project, run);
        return new RunPageSnapshot(detail, costs.ofRun(detail.run().id()),
                stats.stats(reader, project, run, StatsPanel.DEFAULT_WINDOW),
                events.page(reader, project, run, EVENTS_SHOWN, null).events());
    }

    @TransactionalEventListener(fallbackExecution = true)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(RunChanged change) {
        slots.computeIfPresent(new Key(change.project(), change.run()), (k, s) -> s.invalidated());
    }

    private void forgetIdle(long now) {
        slots.values().removeIf(s -> now - s.usedAtNanos() > IDLE.toNanos());
    }
}
