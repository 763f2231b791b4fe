package dev.runplane.execution.slurm;

import dev.runplane.execution.Observation.Ending;
import java.util.Map;
import java.util.Set;

/**
 * The one table of how a Slurm job's state becomes what Runplane records (README, "Slurm backend"). The reconciler
 * turns each {@link Ending} into a termination reason and a retry cause:
 * <pre>
 * | Slurm job state                  | Ending            | termination reason            | retry cause |
 * |----------------------------------|-------------------|-------------------------------|-------------|
 * | COMPLETED, exit 0 / non-zero     | EXITED            | DONE / EXITED_WITH_ERROR      | — / error   |
 * | FAILED                           | EXITED            | EXITED_WITH_ERROR             | error       |
 * | CANCELLED not by Runplane        | CANCELLED_OUTSIDE | CANCELLED_OUTSIDE             | lost        |
 * | TIMEOUT, DEADLINE                | TIME_LIMIT        | MAX_DURATION_EXCEEDED         | —           |
 * | NODE_FAIL, PREEMPTED, BOOT_FAIL  | LOST              | LOST                          | lost        |
 * | OUT_OF_MEMORY                    | OUT_OF_MEMORY     | OUT_OF_MEMORY                 | error       |
 * | PENDING for a reason that never  | UNSATISFIABLE     | FAILED_TO_START (Slurm's      | error       |
 * | clears (PartitionConfig, ...)    |                   | reason on the slot)           |             |
 * </pre>
 * A job Runplane itself cancelled is already TERMINATING, and ends with the reason Runplane gave it (scaled down,
 * stopped...), whatever Slurm says.
 */
final class SlurmJobStates {

    enum Phase { PENDING, RUNNING, ENDED }

    private static final Map<String, Ending> ENDINGS = Map.ofEntries(
            Map.entry("COMPLETED", Ending.EXITED),
            Map.entry("FAILED", Ending.EXITED),
            Map.entry("CANCELLED", Ending.CANCELLED_OUTSIDE),
            Map.entry("TIMEOUT", Ending.TIME_LIMIT),
            Map.entry("DEADLINE", Ending.TIME_LIMIT),
            Map.entry("NODE_FAIL", Ending.LOST),
            Map.entry("PREEMPTED", Ending.LOST),
            Map.entry("BOOT_FAIL", Ending.LOST),
            Map.entry("OUT_OF_MEMORY", Ending.OUT_OF_MEMORY));

    private static final Set<String> RUNNING = Set.of("RUNNING", "SUSPENDED", "COMPLETING", "STOPPED", "SIGNALING",
            "STAGE_OUT", "RESIZING");

    /** Pending reasons that no amount of waiting clears: the request itself does not fit. */
    private static final Set<String> HOPELESS = Set.of("PartitionConfig", "BadConstraints", "PartitionNodeLimit",
            "PartitionTimeLimit", "InvalidAccount", "InvalidQOS", "AccountNotAllowed", "QOSNotAllowed",
            "ReqNodeNotAvail, UnavailableNodes:");

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("Resources", "waiting for free CPUs, memory or GPUs on the cluster"),
            Map.entry("Priority", "waiting behind jobs with a higher priority"),
            Map.entry("None", "submitted, waiting for the scheduler"),
            Map.entry("BeginTime", "waiting for its start time"),
            Map.entry("Dependency", "waiting for jobs it depends on"),
            Map.entry("PartitionDown", "the partition is down"),
            Map.entry("PartitionInactive", "the partition is inactive"),
            Map.entry("NodeDown", "a node it needs is down"),
            Map.entry("ReqNodeNotAvail", "the nodes it needs are not available"),
            Map.entry("QOSMaxJobsPerUserLimit", "the QOS allows no more running jobs for this user now"),
            Map.entry("QOSMaxCpuPerUserLimit", "the QOS allows no more CPUs for this user now"),
            Map.entry("AssocMaxJobsLimit", "the account allows no more running jobs now"),
            Map.entry("JobHeldUser", "held by its user"),
            Map.entry("JobHeldAdmin", "held by an administrator"),
            Map.entry("PartitionConfig", "the request does not fit the partition's nodes (too many CPUs, too much "
                    + "memory or GPUs than any node has)"),
            Map.entry("BadConstraints", "no node has the requested constraint"),
            Map.entry("PartitionTimeLimit", "max_duration is longer than the partition's time limit"),
            Map.entry("PartitionNodeLimit", "the request needs more nodes than the partition allows"),
            Map.entry("InvalidAccount", "the account is not valid"),
            Map.entry("InvalidQOS", "the QOS is not valid"));

    private SlurmJobStates() {
    }

    /** Slurm's base state (the JSON may add flags after a comma or a space). */
    static Phase phase(String state) {
        String base = base(state);
        if (ENDINGS.containsKey(base)) {
            return Phase.ENDED;
        }
        return RUNNING.contains(base) ? Phase.RUNNING : Phase.PENDING;
    }

    static Ending ending(String state) {
        return ENDINGS.getOrDefault(base(state), Ending.LOST);
    }

    static boolean hopeless(String reason) {
        return reason != null && HOPELESS.stream().anyMatch(reason::startsWith);
    }

    /** Slurm's reason code followed by what it means, e.g. {@code Slurm: Resources (waiting for free CPUs...)}. */
    static String words(String reason) {
        if (reason == null || reason.isBlank()) {
            return "Slurm: pending";
        }
        String meaning = WORDS.get(reason.split("[ ,]")[0]);
        return "Slurm: " + reason + (meaning == null ? "" : " (" + meaning + ")");
    }

    /**
     * A raw wait status as Slurm stores it (the JSON's {@code exit_code}): the low 7 bits are the signal that
     * ended the job, else the next 8 bits its exit code. 768 is exit 3; 9 is killed by SIGKILL, which Runplane
     * reports as 137 like a shell does.
     */
    static int exitCode(long waitStatus) {
        int signal = (int) (waitStatus & 0x7f);
        return signal != 0 ? 128 + signal : (int) ((waitStatus >> 8) & 0xff);
    }

    /** {@code sacct}'s {@code ExitCode} column, {@code code:signal}. */
    static int exitCode(String codeColonSignal) {
        String[] parts = codeColonSignal.strip().split(":");
        try {
            int code = Integer.parseInt(parts[0]);
            int signal = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return signal != 0 ? 128 + signal : code;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String base(String state) {
        return state == null ? "" : state.strip().split("[ ,+]")[0];
    }
}
