package dev.runplane.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.replicas.ReplicaSlots;
import dev.runplane.replicas.ReplicaSlots.Slot;
import dev.runplane.replicas.ReplicaSlots.Slots;
import dev.runplane.replicas.ReplicaStatus;
import dev.runplane.runs.RunStatus;
import dev.runplane.runs.RunType;
import dev.runplane.runs.StopRequest;
import dev.runplane.runs.spec.RunSpec.Retry;
import dev.runplane.runs.spec.RunSpec.RetryOn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Properties of the one definition of current replicas, over thousands of random seeded sequences of scale, stop,
 * abort, restart, exit, crash, retry back-off and reconcile passes. The real planner ({@link ReconcilePlan}), the real
 * slot function ({@link ReplicaSlots}) and the real status rule run against a simulated backend in memory
 * ({@link PlanSimulation}); a failure names its seed, so it replays exactly.
 *
 * <p>Plain seeded JUnit rather than jqwik: this build runs JUnit Platform 6, which jqwik 1.10.1 (built against
 * Platform 1.x) is not known to run on here.
 */
class SlotPropertiesTest {
    static final int SEQUENCES = 3_000;
    static final int STEPS = 60;

    /** The desired state a user writes, kept the way the run row keeps it. */
    private static final class Desired {
        final RunType type;
        final Retry retry;
        int replicas;
        StopRequest stop = StopRequest.NONE;
        final Map<Integer, Instant> restarts = new HashMap<>();

        Desired(RunType type, Retry retry, int replicas) {
            this.type = type;
            this.retry = retry;
            this.replicas = replicas;
        }

        RunState state() {
            return new RunState(1, type, replicas, stop, retry, null, Duration.ofSeconds(5), Map.copyOf(restarts));
        }
    }

    @Test
    void noSlotEverShowsAnEndedSubmissionHistoryNeverLosesOneAndCountsAgreeWithTheSlots() {
        long checks = 0;
        long passes = 0;
        for (long seed = 1; seed <= SEQUENCES; seed++) {
            Random random = new Random(seed);
            Desired desired = new Desired(random.nextBoolean() ? RunType.SERVICE : RunType.TASK,
                    randomRetry(random), random.nextInt(4));
            PlanSimulation sim = new PlanSimulation();
            Set<Long> everSeen = new HashSet<>();
            List<String> trail = new ArrayList<>();
            for (int step = 0; step < STEPS; step++) {
                // (the trail is only turned into words when a property fails)
                String op = step(random, desired, sim);
                trail.add(op);
                long theSeed = seed;
                Supplier<String> context = () -> "seed " + theSeed + " after " + trail;
                checks += check(desired, sim, everSeen, null, context);
                if (op.equals("pass")) {
                    passes++;
                    PlanFixtures.Planned planned = sim.pass(desired.state());
                    // a pass that changed nothing ends on exactly the status the rule derives from the same slots
                    checks += check(desired, sim, everSeen, planned.actions().isEmpty() ? planned.status() : null,
                            () -> context.get() + " (after the pass)");
                }
            }
            // a stopped run settles: after enough passes (and grace periods) nothing is live and it is TERMINATED
            if (desired.stop != StopRequest.NONE) {
                for (int i = 0; i < 5; i++) {
                    sim.advance(Duration.ofSeconds(6));
                    sim.pass(desired.state());
                }
                Slots<Attempt> slots = ReplicaSlots.of(desired.state().slotRules(), sim.attempts(), sim.now());
                assertThat(slots.current()).as("seed %d: a stopped run's current replicas", seed).isEmpty();
                assertThat(RunStatusRule.derive(desired.state(), sim.attempts(), sim.now()))
                        .isEqualTo(RunStatus.TERMINATED);
            }
        }
        System.out.printf("SlotPropertiesTest: %d sequences of %d steps, %d passes, %d property checks%n",
                SEQUENCES, STEPS, passes, checks);
    }

    private static Retry randomRetry(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> new Retry(EnumSet.noneOf(RetryOn.class), 0);
            case 1 -> new Retry(EnumSet.of(RetryOn.ERROR), 1 + random.nextInt(3));
            default -> new Retry(EnumSet.of(RetryOn.ERROR, RetryOn.LOST), 1 + random.nextInt(3));
        };
    }

    /** One random thing a user, a replica or time does; returns its name for the failure message. */
    private static String step(Random random, Desired desired, PlanSimulation sim) {
        List<Attempt> live = sim.attempts().stream().filter(a -> a.isActive() && a.launched()).toList();
        int pick = random.nextInt(100);
        if (pick < 35) {
            return "pass";
        }
        if (pick < 47 && desired.stop == StopRequest.NONE) {
            desired.replicas = random.nextInt(5);
            return "scale " + desired.replicas;
        }
        if (pick < 50) {
            if (desired.stop != StopRequest.ABORT) {
                desired.stop = random.nextBoolean() ? StopRequest.STOP : StopRequest.ABORT;
            }
            return "stop " + desired.stop;
        }
        if (pick < 55 && desired.replicas > 0 && desired.stop == StopRequest.NONE) {
            int replica = random.nextInt(desired.replicas);
            desired.restarts.put(replica, sim.now());
            return "restart " + replica;
        }
        if (pick < 65) {
            sim.startPending();
            return "start pending";
        }
        if (pick < 75 && !live.isEmpty()) {
            Attempt a = live.get(random.nextInt(live.size()));
            int code = random.nextBoolean() ? 0 : 3;
            sim.exit(a.id(), code);
            return "exit " + a.replicaNum() + "#" + a.submissionNum() + " " + code;
        }
        if (pick < 80 && !live.isEmpty()) {
            Attempt a = live.get(random.nextInt(live.size()));
            sim.vanish(a.id());
            return "crash " + a.replicaNum() + "#" + a.submissionNum();
        }
        if (pick < 88) {
            // replicas asked to stop honour TERM some time later
            live.stream().filter(a -> a.status() == ReplicaStatus.TERMINATING && random.nextBoolean())
                    .forEach(a -> sim.exit(a.id(), 143));
            return "terminating exit";
        }
        Duration step = Duration.ofSeconds(1 + random.nextInt(15));
        sim.advance(step);
        return "wait " + step.toSeconds() + "s";
    }

    /** @return how many property checks ran */
    private static int check(Desired desired, PlanSimulation sim, Set<Long> everSeen, RunStatus planned,
                             Supplier<String> context) {
        List<Attempt> all = sim.attempts();
        RunState run = desired.state();
        Slots<Attempt> slots = ReplicaSlots.of(run.slotRules(), all, sim.now());
        int checks = 0;
        // no slot ever shows an ended submission; a pending slot shows none at all
        for (Slot<Attempt> slot : slots.current()) {
            if (slot.pending()) {
                ensure(slot.submission() == null && slot.message() != null && !slot.message().isBlank(),
                        context, "a pending slot has no submission and says why: " + slot);
            } else {
                ensure(slot.submission().status().isActive(), context, "a current slot shows a live submission: "
                        + slot);
            }
            checks++;
        }
        // history never loses a submission: current and history together hold each exactly once
        Set<Long> shown = new HashSet<>();
        slots.liveSubmissions().forEach(a -> ensure(shown.add(a.id()), context, "shown twice: " + a));
        slots.history().forEach(a -> ensure(shown.add(a.id()), context, "shown twice: " + a));
        ensure(shown.size() == all.size(), context, "current + history hold every submission");
        ensure(slots.history().stream().noneMatch(Attempt::isActive), context, "the history holds only ended ones");
        all.forEach(a -> everSeen.add(a.id()));
        ensure(shown.containsAll(everSeen), context, "no submission ever seen is lost");
        // counts agree with the slots: one counted slot per wanted replica number, each below the desired count
        List<Slot<Attempt>> counted = slots.current().stream().filter(Slot::counted).toList();
        ensure(counted.stream().map(Slot::replicaNum).distinct().count() == counted.size(), context,
                "one counted slot per replica number");
        ensure(counted.stream().allMatch(c -> c.replicaNum() < desired.replicas), context,
                "counted slots are below the desired count");
        if (desired.stop == StopRequest.NONE) {
            ensure(counted.size() + slots.finished().size() == desired.replicas, context,
                    "every wanted slot is current or finished for good");
        }
        ensure(slots.runningReplicas() == counted.stream().filter(c -> c.submission() != null
                && c.submission().status() == ReplicaStatus.RUNNING).count(), context, "running count");
        ensure(slots.current().stream().filter(c -> !c.counted()).allMatch(c -> c.submission().isActive()),
                context, "leaving ones are live");
        // the run status is derived from the same slots
        RunStatus status = RunStatusRule.derive(run, all, sim.now());
        ensure(planned == null || planned == status, context, "the pass ends on " + planned + ", the rule says "
                + status);
        if (status == RunStatus.DONE || status == RunStatus.FAILED || status == RunStatus.TERMINATED) {
            ensure(slots.current().isEmpty(), context, "a finished run has no current replicas");
        }
        // at most one live submission per counted slot is what the planner keeps to
        Map<Integer, Integer> livePerReplica = new HashMap<>();
        all.stream().filter(Attempt::isActive).forEach(a -> livePerReplica.merge(a.replicaNum(), 1, Integer::sum));
        livePerReplica.forEach((replica, n) -> ensure(replica >= desired.replicas || n <= 1, context,
                "live submissions of replica " + replica + ": " + n));
        return checks + 1;
    }

    private static void ensure(boolean holds, Supplier<String> context, String what) {
        if (!holds) {
            throw new AssertionError(context.get() + ": " + what);
        }
    }
}
