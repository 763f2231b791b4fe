package dev.runplane.execution.slurm;

import dev.runplane.execution.LogChunk;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs' directories through shell tools on the login node, for a Runplane that does not see the cluster's
 * shared filesystem ({@code runplane.slurm.mode=ssh}). The wrapper's markers of every watched job are read in one
 * command per poll and cached, so observing never waits for SSH; logs are read by byte offset
 * ({@code tail -c +N | head -c M}), one command per read.
 */
final class RemoteJobFiles implements JobFiles {
    /** A directory asked about this recently is read in every poll, even once squeue no longer shows its job. */
    private static final Duration ASKED_WINDOW = Duration.ofMinutes(2);

    /*
     * One line per directory, in the order given: "<started 0|1>|<port>|<exit_code content>". Shell builtins only
     * (no process per directory), so hundreds of directories cost one command. An ended job's record is final,
     * so it is not asked again.
     */
    private static final String MARKERS_SCRIPT = """
            for d in "$@"; do
              s=0; [ -e "$d/started" ] && s=1
              p=; { read -r p < "$d/port"; } 2>/dev/null
              e=; { read -r e < "$d/exit_code"; } 2>/dev/null
              printf '%s|%s|%s\\n' "$s" "$p" "$e"
            done
            """;

    private final SlurmCommands commands;
    private final Clock clock;
    private final Map<Path, Markers> known = new ConcurrentHashMap<>();
    private final Map<Path, Instant> asked = new ConcurrentHashMap<>();

    RemoteJobFiles(SlurmCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public Optional<Markers> markers(Path dir) {
        asked.put(dir, clock.instant());
        return Optional.ofNullable(known.get(dir));
    }

    @Override
    public void refresh(Collection<Path> dirs) {
        ReadPlan plan = plan(dirs);
        if (!plan.toRead().isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("sh", "-c", MARKERS_SCRIPT, "sh"));
            plan.toRead().forEach(d -> argv.add(d.toString()));
            SlurmCommands.Result result = commands.run(argv);
            if (!result.ok()) {
                // SSH down: what was known stays known until the login node answers again
                return;
            }
            plan.read(result.out());
        }
        plan.publish();
    }

    /**
     * The wait, the command and the markers in one script: its arguments are the number of looks, the number of
     * watched directories, those directories, then the directories whose markers to print; its output is the
     * command's, a separator line, then one line per directory.
     */
    @Override
    public SlurmCommands.Result awaitStartThenRun(Collection<Path> watched, Duration wait, SlurmCommands unused,
                                                  List<String> command, Collection<Path> dirs) {
        ReadPlan plan = plan(dirs);
        long looks = Math.max(0, wait.toMillis() / START_LOOK_INTERVAL.toMillis());
        List<String> argv = new ArrayList<>(List.of("sh", "-c", START_WAIT_SCRIPT + Shell.line(command)
                + "\ncode=$?\n[ $code -eq 0 ] || exit $code\necho\necho " + SEPARATOR + "\n" + MARKERS_SCRIPT, "sh",
                Long.toString(looks), Integer.toString(watched.size())));
        watched.forEach(d -> argv.add(d.toString()));
        plan.toRead().forEach(d -> argv.add(d.toString()));
        SlurmCommands.Result result = commands.run(argv);
        String out = result.out();
        int at = out.lastIndexOf("\n" + SEPARATOR + "\n");
        if (!result.ok() || at < 0) {
            return result;
        }
        plan.read(out.substring(at + SEPARATOR.length() + 2));
        plan.publish();
        return new SlurmCommands.Result(result.exitCode(), out.substring(0, at), result.err());
    }

    /*
     * Looks for a watched wrapper's "started" every START_LOOK_INTERVAL, up to "$1" times, among the "$2"
     * directories that follow; then shifts them off, leaving the directories to print the markers of. A sleep that
     * cannot take fractions fails at once and ends the wait (the check then runs as it did without one).
     */
    private static final String START_WAIT_SCRIPT = """
            looks=$1; watched=$2; shift 2
            n=0
            while [ "$n" -lt "$looks" ]; do
              i=0
              for d in "$@"; do
                [ "$i" -lt "$watched" ] || break
                [ -e "$d/started" ] && break 2
                i=$((i + 1))
              done
              sleep %s 2>/dev/null || break
              n=$((n + 1))
            done
            shift "$watched"
            """.formatted(START_LOOK_INTERVAL.toMillis() / 1000.0);

    private static final String SEPARATOR = "RUNPLANE_MARKERS_FOLLOW";

    /**
     * Which directories a refresh reads (an ended job's record never changes: kept, not read again), and what it
     * publishes: the directories asked for now and lately, nothing else.
     */
    private ReadPlan plan(Collection<Path> dirs) {
        Instant oldest = clock.instant().minus(ASKED_WINDOW);
        asked.values().removeIf(at -> at.isBefore(oldest));
        Set<Path> wanted = new LinkedHashSet<>(dirs);
        wanted.addAll(asked.keySet());
        List<Path> toRead = new ArrayList<>();
        Map<Path, Markers> next = new HashMap<>();
        for (Path dir : wanted) {
            Markers seen = known.get(dir);
            if (seen != null && seen.ended().isPresent()) {
                next.put(dir, seen);
            } else {
                toRead.add(dir);
            }
        }
        return new ReadPlan(toRead, next);
    }

    private final class ReadPlan {
        private final List<Path> toRead;
        private final Map<Path, Markers> next;

        ReadPlan(List<Path> toRead, Map<Path, Markers> next) {
            this.toRead = toRead;
            this.next = next;
        }

        List<Path> toRead() {
            return toRead;
        }

        /** The markers script's lines, one per directory to read, in order. */
        void read(String out) {
            String[] lines = out.split("\n", -1);
            for (int i = 0; i < toRead.size() && i < lines.length; i++) {
                String[] f = lines[i].split("\\|", 3);
                next.put(toRead.get(i), new Markers(f[0].equals("1"),
                        f.length > 2 && !f[2].isBlank() ? WrapperRecord.parse(f[2]) : Optional.empty(),
                        f.length > 1 ? Markers.port(f[1]) : null));
            }
        }

        void publish() {
            known.keySet().retainAll(next.keySet());
            known.putAll(next);
        }
    }

    @Override
    public void prepare(Path dir, String commandsText, String wrapperText, Integer port, int uid, int gid)
            throws IOException {
        SlurmCommands.Result result = commands.run(List.of("sh", "-s"), "set -e\n"
                + prepareScript(new NewJob(dir, commandsText, wrapperText, port, uid, gid)));
        if (result.exitCode() == SlurmCommands.UNREACHABLE) {
            throw new UnreachableException(result.reason());
        }
        if (!result.ok()) {
            throw new IOException("on the login node: " + result.reason());
        }
    }

    /**
     * One exec request instead of four (directory check, prepare, sbatch, handle): on the way from a scale call to
     * the job, each costs an SSH round trip. The script answers {@value #EXISTS} when the directory is there
     * already, exits {@value #PREPARE_FAILED} when it could not be prepared, and otherwise passes on sbatch's exit
     * status, output and errors; the handle is written right after sbatch answers.
     */
    @Override
    public Optional<Submitted> submitFirst(NewJob job, List<String> sbatch, SlurmCommands commands, String handle)
            throws IOException {
        String d = Shell.quote(job.dir().toString());
        int at = handle.indexOf(JOB_ID);
        String script = "[ -d " + d + " ] && { echo " + EXISTS + "; exit 0; }\n"
                // set -e holds inside the subshell only because the subshell is not part of an && or || list
                + "(\nset -e\n" + prepareScript(job) + ")\n"
                + "[ $? -eq 0 ] || exit " + PREPARE_FAILED + "\n"
                + "out=$(" + Shell.line(sbatch) + ") || exit $?\n"
                + "printf '%s\\n' \"$out\"\n"
                + "printf '%s%s%s' " + Shell.quote(handle.substring(0, at)) + " \"${out%%;*}\" "
                + Shell.quote(handle.substring(at + JOB_ID.length())) + " > " + d + "/handle.tmp && mv -f "
                + d + "/handle.tmp " + d + "/" + SlurmSubmitter.HANDLE + "\n"
                // the job is submitted whatever became of the handle (a repeated launch finds it by its comment)
                + "exit 0\n";
        SlurmCommands.Result result = this.commands.run(List.of("sh", "-s"), script);
        if (result.exitCode() == SlurmCommands.UNREACHABLE) {
            throw new UnreachableException(result.reason());
        }
        if (result.exitCode() == PREPARE_FAILED) {
            throw new IOException("on the login node: " + result.reason());
        }
        if (result.ok() && result.out().strip().equals(EXISTS)) {
            return Optional.empty();
        }
        return Optional.of(new Submitted(result, result.ok()));
    }

    static final String EXISTS = "RUNPLANE_DIRECTORY_EXISTS";
    static final int PREPARE_FAILED = 97;

    /** The shell lines that make a job's directory (run under {@code set -e}). */
    private static String prepareScript(NewJob job) {
        String end = "RUNPLANE_EOF_" + UUID.randomUUID().toString().replace("-", "");
        Path dir = job.dir();
        String d = Shell.quote(dir.toString());
        StringBuilder script = new StringBuilder()
                // the job root as the local backend makes it (the job's user must be able to pass through it)
                .append("mkdir -p -- ").append(Shell.quote(dir.getParent().toString())).append('\n')
                .append("umask 077\n")
                .append("[ -d ").append(d).append(" ] || mkdir -m 700 -- ").append(d).append('\n')
                .append("cd -- ").append(d).append('\n')
                .append("rm -f -- ").append(SlurmSubmitter.EXIT).append(' ').append(SlurmSubmitter.STARTED)
                .append('\n');
        file(script, SlurmSubmitter.COMMANDS, job.commandsText(), "600", end);
        file(script, SlurmSubmitter.WRAPPER, job.wrapperText(), "700", end);
        script.append("rm -f -- ").append(SlurmSubmitter.PORT).append('\n');
        if (job.port() != null) {
            script.append("echo ").append((int) job.port()).append(" > ").append(SlurmSubmitter.PORT).append('\n');
        }
        if (job.uid() >= 0) {
            script.append("chown ").append(job.uid()).append(':').append(job.gid()).append(" . ")
                    .append(SlurmSubmitter.COMMANDS).append(' ').append(SlurmSubmitter.WRAPPER).append('\n');
        }
        return script.toString();
    }

    // a quoted here-document: nothing in the text is expanded; the delimiter is random, so the text cannot end it
    private static void file(StringBuilder script, String name, String text, String mode, String end) {
        script.append("cat > ").append(name).append(".tmp <<'").append(end).append("'\n").append(text);
        if (!text.endsWith("\n")) {
            script.append('\n');
        }
        script.append(end).append('\n')
                .append("chmod ").append(mode).append(' ').append(name).append(".tmp && mv -f ").append(name)
                .append(".tmp ").append(name).append('\n');
    }

    @Override
    public Optional<String> read(Path file) {
        SlurmCommands.Result result = commands.run(List.of("cat", "--", file.toString()));
        return result.ok() ? Optional.of(result.out()) : Optional.empty();
    }

    @Override
    public boolean isDirectory(Path dir) {
        return commands.run(List.of("test", "-d", dir.toString())).ok();
    }

    @Override
    public void write(Path file, String text) {
        String tmp = file + ".tmp";
        commands.run(List.of("sh", "-c", "cat > \"$1\" && mv -f \"$1\" \"$2\"", "sh", tmp, file.toString()), text);
    }

    @Override
    public void delete(Path file) {
        commands.run(List.of("rm", "-f", "--", file.toString()));
    }

    @Override
    public LogChunk readLog(Path file, long from, int maxBytes) {
        SlurmCommands.Result result = commands.run(List.of("sh", "-c",
                "tail -c +\"$2\" -- \"$1\" 2>/dev/null | head -c \"$3\"", "sh", file.toString(),
                Long.toString(from + 1), Integer.toString(maxBytes)));
        // not there yet, or SSH down: nothing to read now, and the caller keeps its offset
        return result.ok() ? new LogChunk(result.bytes(), from + result.bytes().length) : new LogChunk(new byte[0],
                from);
    }
}
