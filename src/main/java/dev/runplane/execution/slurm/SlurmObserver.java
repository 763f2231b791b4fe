package dev.runplane.execution.slurm;

import dev.runplane.execution.ResourceSample;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches all of Runplane's Slurm jobs from one thread of its own: per poll one {@code squeue --json} (this
 * Slurm's JSON ignores {@code -j}/{@code -t}, so jobs are filtered here), one {@code sstat -a} for the running ones,
 * and one {@code sacct -c} only for jobs {@code squeue} no longer shows. Readers get the latest snapshot and never
 * wait for a command, so a slow controller never stalls the reconciler.
 */
class SlurmObserver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlurmObserver.class);
    /** A just-launched job is watched closely this long; after that a pending job is polled at the normal pace. */
    private static final Duration FAST_POLL_WINDOW = Duration.ofSeconds(30);
    static final String COMMENT_PREFIX = "runplane:";

    /** One job as {@code squeue} shows it. */
    record Job(long id, String state, String reason, String nodes, long rawExit, long endEpochSeconds,
               String comment) {
    }

    /** One finished job as {@code sacct -c} (the job-completion log) remembers it. */
    record Completed(long id, String state, int exitCode, String nodes, Instant end) {
    }

    /** Since when Slurm has not answered, and what the last failed command said. */
    record Unreachable(Instant since, String reason) {
        /** What a slot says while Slurm is unreachable. */
        String message() {
            return "Slurm unreachable since " + since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + (reason.isBlank() ? "" : " (" + reason + ")");
        }
    }

    /** @param takenAt when the {@code squeue} behind it started; jobs submitted later may be missing from it */
    record Snapshot(Instant takenAt, Map<Long, Job> jobs) {
        static final Snapshot NONE = new Snapshot(Instant.EPOCH, Map.of());
    }

    private final SlurmCommands commands;
    private final JobFiles files;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration launchPollInterval;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Object wake = new Object();
    /** Jobs just submitted, with when and where (their directory): watched closely until they have begun. */
    private final Map<Long, Launch> launched = new ConcurrentHashMap<>();

    private record Launch(Instant at, Path dir) {
    }

    private final Set<Long> wantSacct = ConcurrentHashMap.newKeySet();
    private final Set<Long> toCancel = ConcurrentHashMap.newKeySet();
    private final Map<Long, Optional<Completed>> completed = new ConcurrentHashMap<>();
    /** Node name → address (sinfo's NodeAddr), asked again when a job runs on a node not known yet. */
    private volatile Map<String, String> nodeAddresses = Map.of();
    private volatile Snapshot snapshot = Snapshot.NONE;
    /** When the last full poll began (System.nanoTime). */
    private volatile long lastPollNanos;
    private volatile Map<Long, ResourceSample> stats = Map.of();
    /** Set while squeue (the controller) does not answer; the snapshot then is the last one Slurm gave. */
    private volatile Unreachable unreachable;
    private volatile boolean closed;
    private final List<Runnable> launchSeen = new CopyOnWriteArrayList<>();
    private final Object starting = new Object();
    private volatile Thread thread;

    SlurmObserver(SlurmCommands commands, JobFiles files, Clock clock, Duration pollInterval,
                  Duration launchPollInterval) {
        this.commands = commands;
        this.files = files;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.launchPollInterval = launchPollInterval.compareTo(pollInterval) < 0 ? launchPollInterval : pollInterval;
    }

    /**
     * Starts the polling thread once. Its own lock, not this object's: {@link #poll} holds that for a whole poll, and
     * every reader calls this first, so readers (the reconciler's pass, the stats API) waited up to a poll's length
     * (100–250 ms with 600 jobs queued) for a snapshot that was already there.
     */
    void start() {
        if (thread != null) {
            return;
        }
        synchronized (starting) {
            if (thread == null && !closed) {
                thread = Thread.ofPlatform().daemon().name("slurm-observer").start(this::loop);
            }
        }
    }

    Snapshot snapshot() {
        start();
        return snapshot;
    }

    /** Told when a poll first sees a just-launched job begun (its wrapper started) or ended. */
    void onLaunchSeen(Runnable listener) {
        launchSeen.add(listener);
    }

    /** A job was just submitted: poll closely until it is seen running, and at once. */
    void launched(long jobId, Path dir) {
        launched.put(jobId, new Launch(clock.instant(), dir));
        wakeUp();
    }

    /** Cancels a job from the observer's thread at the next poll, so the caller never waits for scancel. */
    void cancelLater(long jobId) {
        if (toCancel.add(jobId)) {
            wakeUp();
        }
    }

    /** Present while the controller does not answer; nothing may be concluded from a missing job meanwhile. */
    Optional<Unreachable> unreachable() {
        start();
        return Optional.ofNullable(unreachable);
    }

    /** A command other than squeue (sbatch) could not reach the controller: say so until squeue answers again. */
    void unreachable(String reason) {
        unreachable = new Unreachable(unreachable == null ? clock.instant() : unreachable.since(), reason);
        wakeUp();
    }

    Instant launchedAt(long jobId) {
        Launch launch = launched.get(jobId);
        return launch == null ? null : launch.at();
    }

    /** What the job-completion log says of a job squeue no longer shows; empty until the next poll has asked. */
    Optional<Optional<Completed>> completed(long jobId) {
        Optional<Completed> known = completed.get(jobId);
        if (known == null) {
            wantSacct.add(jobId);
            wakeUp();
            return Optional.empty();
        }
        return Optional.of(known);
    }

    /** Asks squeue now (on the caller's thread; only for the rare re-launch after a crash). */
    Optional<Long> findByComment(String comment) {
        poll();
        return snapshot.jobs().values().stream().filter(j -> j.comment().equals(comment)).map(Job::id).findFirst();
    }

    Optional<ResourceSample> stats(long jobId) {
        start();
        return Optional.ofNullable(stats.get(jobId));
    }

    void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void loop() {
        while (!closed) {
            long began = System.nanoTime();
            boolean checked = false;
            try {
                if (onlyLaunchesWatched() && System.nanoTime() - lastPollNanos < pollInterval.toNanos()) {
                    checkLaunches();
                    checked = true;
                } else {
                    poll();
                }
            } catch (RuntimeException e) {
                log.warn("Observing Slurm jobs failed; keeping the last snapshot and trying again", e);
            }
            // a launch check has waited for the wrapper itself: only the rest of the interval is left to wait
            long waitMillis = (fast() ? launchPollInterval.toMillis() : pollInterval.toMillis())
                    - (checked ? (System.nanoTime() - began) / 1_000_000 : 0);
            if (waitMillis <= 0) {
                continue;
            }
            synchronized (wake) {
                try {
                    wake.wait(waitMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Close polling while a recent launch has not been seen running (or ended) yet. */
    private boolean fast() {
        Instant now = clock.instant();
        Map<Long, Job> jobs = snapshot.jobs();
        // watched closely until its wrapper has begun (RUNNING comes a moment before), or it ended
        launched.entrySet().removeIf(e -> now.isAfter(e.getValue().at().plus(FAST_POLL_WINDOW))
                || jobs.containsKey(e.getKey()) && begun(jobs.get(e.getKey())));
        return !launched.isEmpty() || !wantSacct.isEmpty() || !toCancel.isEmpty();
    }

    private boolean onlyLaunchesWatched() {
        return !launched.isEmpty() && wantSacct.isEmpty() && toCancel.isEmpty() && unreachable == null
                && snapshot != Snapshot.NONE;
    }

    /**
     * Between two full polls, only the jobs just launched are asked about ({@code squeue -j}, which this Slurm
     * honours outside {@code --json}): with 500 jobs queued a full {@code squeue --json} takes 100–150 ms, so while
     * a launch was watched the observer polled every ~250 ms and a replica was seen running ~125 ms late on
     * average. What it learns is merged into the last snapshot: a watched job pending or running (and its wrapper's
     * markers); anything else (ended, unknown, an error) is left to a full poll, at once.
     */
    private synchronized void checkLaunches() {
        List<Long> ids = launched.keySet().stream().sorted().toList();
        // the markers of the watched jobs' directories and of every begun job, read with the squeue (over SSH in
        // the same exec request): a watched job that squeue shows running has its wrapper's markers at once
        Set<Path> dirs = new java.util.LinkedHashSet<>();
        List<Path> watched = launched.values().stream().map(Launch::dir).distinct().toList();
        dirs.addAll(watched);
        begunDirs(snapshot.jobs()).forEach(dirs::add);
        // squeue is asked once a watched wrapper has begun (or the interval is up), not at a moment blind to it: a
        // launch is seen ~10 ms after its wrapper starts instead of up to an interval later, with no more RPCs
        SlurmCommands.Result squeue = files.awaitStartThenRun(watched, launchPollInterval, commands,
                List.of("squeue", "-h", "-j", ids.stream().map(String::valueOf).collect(Collectors.joining(",")),
                        "-o", "%i|%T|%N|%r|%k"), dirs);
        if (!squeue.ok()) {
            poll();
            return;
        }
        Map<Long, Job> jobs = new HashMap<>(snapshot.jobs());
        for (String line : squeue.out().split("\n")) {
            String[] f = line.strip().split("\\|", 5);
            if (f.length < 5 || f[0].isBlank()) {
                continue;
            }
            Job job = new Job(Long.parseLong(f[0].strip()), f[1], f[3], f[2], 0, 0, f[4]);
            SlurmJobStates.Phase phase = SlurmJobStates.phase(job.state());
            if (phase == SlurmJobStates.Phase.ENDED || !job.comment().startsWith(COMMENT_PREFIX)) {
                poll(); // how it ended (exit code, end time) comes from squeue --json and the wrapper
                return;
            }
            jobs.put(job.id(), job);
        }
        learnNodeAddresses(jobs);
        // taken when the last full poll began: a job missing from it may still be missing here
        snapshot = new Snapshot(snapshot.takenAt(), Map.copyOf(jobs));
        announceBegunLaunches(jobs);
    }

    /**
     * The markers of every begun job of the snapshot about to be published, never only the new ones: the SSH job
     * files keep only the directories asked for, and a running job whose markers were forgotten reads as
     * "looking the job up" until the next full poll.
     */
    private void refreshMarkers(Map<Long, Job> jobs) {
        files.refresh(begunDirs(jobs));
    }

    private static List<Path> begunDirs(Map<Long, Job> jobs) {
        return jobs.values().stream()
                .filter(j -> SlurmJobStates.phase(j.state()) != SlurmJobStates.Phase.PENDING)
                .map(SlurmObserver::dir).flatMap(Optional::stream).toList();
    }

    private void announceBegunLaunches(Map<Long, Job> jobs) {
        // a watched launch stops being watched at the next wait (fast()), so each is announced by one poll
        if (launched.keySet().stream().anyMatch(id -> jobs.containsKey(id) && begun(jobs.get(id)))) {
            launchSeen.forEach(Runnable::run);
        }
    }

    private synchronized void poll() {
        lastPollNanos = System.nanoTime();
        if (!toCancel.isEmpty()) {
            List<Long> ids = new ArrayList<>(toCancel);
            List<String> argv = new ArrayList<>(List.of("scancel"));
            ids.forEach(id -> argv.add(Long.toString(id)));
            if (commands.run(argv).ok()) {
                // kept while the controller is down, so the job is still cancelled when it answers
                toCancel.removeAll(ids);
            }
        }
        Instant takenAt = clock.instant();
        SlurmCommands.Result squeue = commands.run(List.of("squeue", "--json"));
        if (!squeue.ok()) {
            if (unreachable == null) {
                log.warn("squeue failed ({}): {}; Slurm is unreachable, slots keep their last known state",
                        squeue.exitCode(), squeue.reason());
            }
            // the latest reason is the one to show (a lost connection may turn out to be a changed host key)
            unreachable = new Unreachable(unreachable == null ? takenAt : unreachable.since(), squeue.reason());
            stats = Map.of();
            return;
        }
        if (unreachable != null) {
            log.info("Slurm answers again (unreachable since {})", unreachable.since());
        }
        Map<Long, Job> jobs = parseSqueue(squeue.out());
        // before the snapshot is published, so every begun job in it has its markers known (over SSH: one command)
        refreshMarkers(jobs);
        learnNodeAddresses(jobs);
        snapshot = new Snapshot(takenAt, jobs);
        announceBegunLaunches(jobs);
        stats = sample(jobs);
        lookUpCompleted();
        // cleared last: observers see the reachable state only with a snapshot taken after the outage
        unreachable = null;
    }

    /** The address a node is reached at (for a service replica's endpoint), or null when not known. */
    String address(String node) {
        return nodeAddresses.get(node);
    }

    private void learnNodeAddresses(Map<Long, Job> jobs) {
        Map<String, String> known = nodeAddresses;
        boolean unknown = jobs.values().stream().anyMatch(j -> "RUNNING".equals(j.state())
                && !j.nodes().isBlank() && !known.containsKey(j.nodes()));
        if (!unknown) {
            return;
        }
        SlurmCommands.Result sinfo = commands.run(List.of("sinfo", "-N", "-h", "-o", "%N|%o"));
        Map<String, String> addresses = new HashMap<>(known);
        sinfo.out().lines().map(l -> l.strip().split("\\|", 2)).filter(f -> f.length == 2 && !f[1].isBlank())
                .forEach(f -> addresses.put(f[0], f[1]));
        nodeAddresses = Map.copyOf(addresses);
    }

    private boolean begun(Job job) {
        return switch (SlurmJobStates.phase(job.state())) {
            case PENDING -> false;
            case RUNNING -> dir(job).flatMap(files::markers).map(JobFiles.Markers::started).orElse(true);
            case ENDED -> true;
        };
    }

    /** The job's directory, from the comment Runplane gave it. */
    static Optional<Path> dir(Job job) {
        try {
            Path dir = Path.of(job.comment().substring(COMMENT_PREFIX.length()));
            return dir.isAbsolute() ? Optional.of(dir) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    Map<Long, Job> parseSqueue(String text) {
        Map<Long, Job> jobs = new HashMap<>();
        JsonNode root = json.readTree(text);
        for (JsonNode job : root.path("jobs")) {
            if (!job.path("comment").asString("").startsWith(COMMENT_PREFIX)) {
                continue;
            }
            long id = job.path("job_id").asLong();
            jobs.put(id, new Job(id, job.path("job_state").asString(""), job.path("state_reason").asString(""),
                    job.path("nodes").asString(""), job.path("exit_code").asLong(0),
                    job.path("end_time").asLong(0), job.path("comment").asString("")));
        }
        return Map.copyOf(jobs);
    }

    private Map<Long, ResourceSample> sample(Map<Long, Job> jobs) {
        List<Long> running = jobs.values().stream()
                .filter(j -> "RUNNING".equals(j.state())).map(Job::id).sorted().toList();
        if (running.isEmpty()) {
            return Map.of();
        }
        // a batch-only job shows nothing in sstat without -a (or <job>.batch)
        SlurmCommands.Result sstat = commands.run(List.of("sstat", "-a", "-n", "-P", "-o", "JobID,TresUsageInTot",
                "-j", running.stream().map(String::valueOf).collect(Collectors.joining(","))));
        return SlurmStats.parse(sstat.out());
    }

    private void lookUpCompleted() {
        if (wantSacct.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>(wantSacct);
        SlurmCommands.Result sacct = commands.run(List.of("sacct", "-c", "-n", "-P", "-o",
                "JobID,State,ExitCode,NodeList,End", "-j",
                ids.stream().map(String::valueOf).collect(Collectors.joining(","))));
        if (!sacct.ok()) {
            log.warn("sacct -c failed ({}): {}", sacct.exitCode(), sacct.reason());
            return;
        }
        Map<Long, Completed> found = new HashMap<>();
        for (String line : sacct.out().split("\n")) {
            String[] f = line.split("\\|", -1);
            if (f.length < 5) {
                continue;
            }
            try {
                long id = Long.parseLong(f[0].strip());
                found.put(id, new Completed(id, f[1], SlurmJobStates.exitCode(f[2]), f[3], localTime(f[4])));
            } catch (NumberFormatException e) {
                // a step line (12.batch) or a header: not a job
            }
        }
        for (Long id : ids) {
            completed.put(id, Optional.ofNullable(found.get(id)));
            wantSacct.remove(id);
        }
    }

    private static Instant localTime(String text) {
        try {
            return LocalDateTime.parse(text.strip()).atZone(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public void close() {
        closed = true;
        wakeUp();
    }
}
