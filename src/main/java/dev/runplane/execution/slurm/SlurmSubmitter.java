package dev.runplane.execution.slurm;

import dev.runplane.execution.BackendHandle;
import dev.runplane.execution.CommandsScript;
import dev.runplane.execution.LaunchDeferredException;
import dev.runplane.execution.LaunchFailedException;
import dev.runplane.execution.LaunchRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Submits one replica submission as one batch job: writes its directory on the shared filesystem (the user's
 * {@code commands.sh} and Runplane's wrapper {@code job.sh}), then {@code sbatch --parsable}. Idempotent per
 * submission id: the handle is kept in the directory, and a job found in {@code squeue} with this directory in
 * its comment (a crash between sbatch and writing the handle) is adopted instead of submitted twice.
 */
final class SlurmSubmitter {
    static final String STDOUT = "stdout.log";
    static final String STDERR = "stderr.log";
    /** {@code <exit code> <end time in epoch ms>}, written by the wrapper and renamed into place. */
    static final String EXIT = "exit_code";
    /** Written by the wrapper as it begins: Slurm says RUNNING a moment before the batch script really runs. */
    static final String STARTED = "started";
    static final String COMMANDS = "commands.sh";
    /** A service replica's {@code PORT}, so its endpoint is known from the directory alone (after a restart too). */
    static final String PORT = "port";
    static final String WRAPPER = "job.sh";
    static final String HANDLE = "handle";
    /** How long a project user's uid and gid are reused before {@code id} is asked again. */
    private static final Duration ID_REUSE = Duration.ofMinutes(5);

    /*
     * TERM is caught, not ignored (an ignored signal stays ignored in every child): Runplane's graceful stop is
     * scancel --signal=TERM --full, which reaches this script and the commands; the trap lets the wrapper outlive
     * it and record the commands' real status (143). The end time is the wrapper's own clock, so it is true even
     * when the controller is down at that moment.
     */
    private static final String WRAPPER_TEXT = """
            #!/bin/sh
            # Runplane replica wrapper (Slurm): runs commands.sh, records its exit status and end time.
            PATH=/usr/local/bin:/usr/bin:/bin
            export PATH
            trap ':' TERM
            date +%s%3N > started
            /bin/sh ./commands.sh
            code=$?
            printf '%s %s\\n' "$code" "$(date +%s%3N)" > exit_code.tmp && mv -f exit_code.tmp exit_code
            exit "$code"
            """;

    private final SlurmProperties properties;
    private final Path jobRoot;
    private final SlurmCommands commands;
    private final JobFiles files;
    private final SlurmObserver observer;
    private final Map<String, KnownIds> knownIds = new ConcurrentHashMap<>();

    SlurmSubmitter(SlurmProperties properties, Path jobRoot, SlurmCommands commands, JobFiles files,
                   SlurmObserver observer) {
        this.properties = properties;
        this.jobRoot = jobRoot;
        this.commands = commands;
        this.files = files;
        this.observer = observer;
    }

    SlurmHandle submit(LaunchRequest request) {
        if (request.submissionId() < 0) {
            throw new LaunchFailedException("invalid submission id " + request.submissionId());
        }
        Path dir = jobRoot.resolve(Long.toString(request.submissionId()));
        RunAs runAs;
        try {
            runAs = runAs(request.project());
        } catch (LaunchFailedException e) {
            // a job submitted before the configuration changed is still this submission's: adopted, not orphaned
            return earlierSubmission(dir).orElseThrow(() -> e);
        }
        JobFiles.NewJob job = new JobFiles.NewJob(dir, CommandsScript.text(dir, request), WRAPPER_TEXT,
                JobFiles.Markers.port(request.environment().get("PORT")), runAs.switchUser() ? runAs.uid() : -1,
                runAs.switchUser() ? runAs.gid() : -1);
        List<String> sbatch = sbatch(request, dir, runAs);
        Optional<JobFiles.Submitted> submitted;
        try {
            // a first launch (no directory yet) in as few steps as the job files allow: one SSH exec request
            submitted = files.submitFirst(job, sbatch, commands, SlurmHandle.template(dir, JobFiles.JOB_ID));
            if (submitted.isEmpty()) {
                Optional<SlurmHandle> earlier = earlierSubmission(dir);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                // tried before without reaching sbatch (or sbatch refused it): prepared and submitted again
                files.prepare(dir, job.commandsText(), job.wrapperText(), job.port(), job.uid(), job.gid());
                submitted = Optional.of(new JobFiles.Submitted(commands.run(sbatch), false));
            }
        } catch (JobFiles.UnreachableException e) {
            throw deferred(e.getMessage());
        } catch (IOException e) {
            throw new LaunchFailedException("could not write the job's directory " + dir + " (runplane.slurm.job-dir"
                    + " must be writable by Runplane and on the cluster's shared filesystem)", e);
        }
        SlurmCommands.Result result = submitted.get().sbatch();
        if (!result.ok()) {
            if (controllerUnreachable(result)) {
                throw deferred(result.reason());
            }
            throw new LaunchFailedException(explain(result.reason(), request));
        }
        long jobId;
        try {
            jobId = Long.parseLong(result.out().strip().split(";")[0]);
        } catch (NumberFormatException e) {
            throw new LaunchFailedException("sbatch answered something that is not a job id: " + result.out().strip());
        }
        SlurmHandle handle = new SlurmHandle(jobId, dir);
        // watched closely from now: the job may begin while the handle is still being written (over SSH)
        observer.launched(jobId, dir);
        if (!submitted.get().handleWritten()) {
            writeHandle(dir, handle);
        }
        return handle;
    }

    /** Not the job's fault: the slot waits, and no sbatch is tried again until squeue answers. */
    private LaunchDeferredException deferred(String reason) {
        observer.unreachable(reason);
        return new LaunchDeferredException("waiting: Slurm unreachable (" + reason + ")");
    }

    List<String> sbatch(LaunchRequest request, Path dir, RunAs runAs) {
        LaunchRequest.Resources r = request.resources();
        List<String> argv = new ArrayList<>(List.of("sbatch", "--parsable",
                "--job-name=" + jobName(request),
                "--comment=" + SlurmObserver.COMMENT_PREFIX + dir,
                "--chdir=" + dir,
                "--output=" + dir.resolve(STDOUT),
                "--error=" + dir.resolve(STDERR),
                // nothing of Runplane's own environment reaches the job; commands.sh sets the replica's
                "--export=NIL",
                "--nodes=1", "--ntasks=1",
                // Slurm allocates whole CPUs: a fractional cpu is rounded up (README)
                "--cpus-per-task=" + r.cpu().setScale(0, RoundingMode.CEILING).max(BigDecimal.ONE).toPlainString(),
                "--mem=" + Math.max(1, (r.memoryBytes() + (1 << 20) - 1) >> 20) + "M"));
        if (r.gpu() > 0) {
            argv.add("--gres=gpu:" + r.gpu());
        }
        if (request.maxDuration() != null) {
            argv.add("--time=" + timeLimit(request.maxDuration()));
        }
        String partition = request.backendOptions().getOrDefault("partition", properties.defaultPartition());
        if (partition != null && !partition.isBlank()) {
            argv.add("--partition=" + partition);
        }
        for (String key : List.of("account", "qos", "constraint")) {
            String value = request.backendOptions().get(key);
            if (value != null) {
                argv.add("--" + key + "=" + value);
            }
        }
        if (runAs.switchUser()) {
            argv.add("--uid=" + runAs.uid());
            argv.add("--gid=" + runAs.gid());
        }
        argv.add(dir.resolve(WRAPPER).toString());
        return argv;
    }

    /** sbatch could not talk to the controller (down, or too slow to answer), as opposed to refusing the job. */
    static boolean controllerUnreachable(SlurmCommands.Result result) {
        String reason = result.reason().toLowerCase();
        return result.exitCode() == 124 || result.exitCode() == SlurmCommands.UNREACHABLE
                || reason.contains("unable to contact slurm controller")
                || reason.contains("socket timed out") || reason.contains("connection refused");
    }

    /** {@code rp-<project>-<run>-r<replica>}, so an administrator recognises the job in squeue. */
    static String jobName(LaunchRequest request) {
        return "rp-" + request.project() + "-" + request.run() + "-r" + request.replicaNum();
    }

    /** Slurm's {@code days-hours:minutes:seconds}, rounded up to whole seconds. */
    static String timeLimit(Duration d) {
        long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
        return String.format("%d-%02d:%02d:%02d", s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60);
    }

    /** What sbatch said, with the spec field it is about when that is clear. */
    static String explain(String reason, LaunchRequest request) {
        String lower = reason.toLowerCase();
        String field;
        if (lower.contains("partition")) {
            field = "slurm.partition ('" + request.backendOptions().getOrDefault("partition", "default") + "')";
        } else if (lower.contains("account")) {
            field = "slurm.account";
        } else if (lower.contains("qos")) {
            field = "slurm.qos";
        } else if (lower.contains("feature") || lower.contains("constraint")) {
            field = "slurm.constraint";
        } else if (lower.contains("memory")) {
            field = "resources.memory";
        } else if (lower.contains("gres") || lower.contains("gpu")) {
            field = "resources.gpu";
        } else if (lower.contains("node configuration") || lower.contains("cpu")) {
            field = "resources";
        } else if (lower.contains("time limit")) {
            field = "max_duration";
        } else {
            return "Slurm refused the job: " + reason;
        }
        return field + ": Slurm refused the job: " + reason;
    }

    /** Who the job runs as: Runplane itself, or (Runplane being root) the project's configured Unix user. */
    record RunAs(boolean switchUser, int uid, int gid) {
    }

    RunAs runAs(String project) {
        String user = properties.userFor(project);
        int self = commands.uid();
        if (self < 0 && properties.mode() == SlurmProperties.Mode.SSH) {
            throw deferred("the login node does not say which user Runplane is there");
        }
        boolean root = self == 0;
        if (user == null) {
            if (root && !properties.allowRoot()) {
                throw new LaunchFailedException("no Unix user is configured for project '" + project + "': set "
                        + "runplane.slurm.users." + project + " (or runplane.slurm.default-user); Runplane runs as "
                        + "root and never submits jobs as root unless runplane.slurm.allow-root=true");
            }
            return new RunAs(false, -1, -1);
        }
        int[] ids = lookUp(user);
        if (ids[0] == self) {
            return new RunAs(false, -1, -1);
        }
        if (!root) {
            throw new LaunchFailedException("project '" + project + "' runs as Unix user '" + user + "', but Runplane"
                    + " does not run as root and can only submit jobs as itself");
        }
        if (ids[0] == 0 && !properties.allowRoot()) {
            throw new LaunchFailedException("project '" + project + "' is configured to run as root; set "
                    + "runplane.slurm.allow-root=true to allow that");
        }
        return new RunAs(true, ids[0], ids[1]);
    }

    /**
     * A user's ids as {@code id} gave them, reused for a few minutes: two commands (two processes, or two SSH
     * channels) per launch otherwise, on the path from a scale call to the replica running. Only answers are kept;
     * a user that does not exist is asked again next time.
     */
    private int[] lookUp(String user) {
        KnownIds known = knownIds.get(user);
        long now = System.nanoTime();
        if (known != null && now - known.atNanos() < ID_REUSE.toNanos()) {
            return known.ids().clone();
        }
        int[] ids = askIds(user);
        knownIds.put(user, new KnownIds(ids.clone(), now));
        return ids;
    }

    private record KnownIds(int[] ids, long atNanos) {
    }

    private int[] askIds(String user) {
        SlurmCommands.Result uid = commands.run(List.of("id", "-u", "--", user));
        SlurmCommands.Result gid = commands.run(List.of("id", "-g", "--", user));
        if (controllerUnreachable(uid) || controllerUnreachable(gid)) {
            throw deferred(uid.ok() ? gid.reason() : uid.reason());
        }
        try {
            if (uid.ok() && gid.ok()) {
                return new int[] {Integer.parseInt(uid.out().strip()), Integer.parseInt(gid.out().strip())};
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new LaunchFailedException("the Unix user '" + user + "' configured for Slurm jobs does not exist on "
                + "this machine");
    }

    private Optional<SlurmHandle> earlierSubmission(Path dir) {
        // the handle and any adopted job live in the directory: a first launch (no directory yet) asks one question
        // instead of two, which over SSH is one exec channel less on the way from a scale call to sbatch
        if (!files.isDirectory(dir)) {
            return Optional.empty();
        }
        try {
            Optional<String> written = files.read(dir.resolve(HANDLE));
            if (written.isPresent()) {
                return SlurmHandle.parse(new BackendHandle(written.get().strip()));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // no handle written: perhaps sbatch went through and the server died before writing it
        String comment = SlurmObserver.COMMENT_PREFIX + dir;
        return observer.findByComment(comment).map(id -> {
            SlurmHandle adopted = new SlurmHandle(id, dir);
            writeHandle(dir, adopted);
            return adopted;
        });
    }

    // if it is lost, the job runs and the caller has its handle; a repeated launch finds it by its comment
    private void writeHandle(Path dir, SlurmHandle handle) {
        files.write(dir.resolve(HANDLE), handle.toBackendHandle().value());
    }
}
