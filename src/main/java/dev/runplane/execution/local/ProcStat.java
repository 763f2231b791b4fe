package dev.runplane.execution.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few fields of {@code /proc/<pid>/stat} this backend needs (see proc(5); fields numbered from 1).
 * <p>
 * Field 2 is the command name in parentheses and may itself contain spaces and parentheses (a process can name
 * itself {@code ") S 1 2"}), so parsing starts after the <em>last</em> closing parenthesis.
 */
record ProcStat(long pid, char state, long processGroup, long session, long userTicks, long systemTicks,
                long startTime, long rssPages) {

    private static final Path PROC = Path.of("/proc");

    /** Zombies (exited, not yet reaped) and dead tasks still have a stat file but are no longer running. */
    boolean isAlive() {
        return state != 'Z' && state != 'X' && state != 'x';
    }

    /** Empty when the process does not exist (or vanished while being read). */
    static Optional<ProcStat> read(long pid) {
        try {
            return parse(pid, Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat")));
        } catch (IOException | RuntimeException e) {
            // A process can vanish between opening and reading its stat file (ESRCH); for us it is simply gone.
            return Optional.empty();
        }
    }

    static Optional<ProcStat> parse(long pid, String line) {
        int close = line.lastIndexOf(')');
        if (close < 0 || close + 2 > line.length()) {
            return Optional.empty();
        }
        String[] f = line.substring(close + 2).trim().split(" ");
        if (f.length < 22 || f[0].length() != 1) {
            return Optional.empty();
        }
        try {
            // f[0] is field 3, so field n is f[n - 3].
            return Optional.of(new ProcStat(pid, f[0].charAt(0), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[19]), Long.parseLong(f[21])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Every process of one session. Processes come and go during the scan; those that vanish are skipped, and one
     * born after the directory listing is missed, which a sampler or a repeated signal tolerates.
     */
    static List<ProcStat> inSession(long session) {
        List<ProcStat> members = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, ProcStat::isPidDirectory)) {
            for (Path entry : entries) {
                read(Long.parseLong(entry.getFileName().toString()))
                        .filter(stat -> stat.session() == session)
                        .ifPresent(members::add);
            }
        } catch (IOException e) {
            return members;
        }
        return members;
    }

    private static boolean isPidDirectory(Path entry) {
        String name = entry.getFileName().toString();
        return !name.isEmpty() && name.length() < 19 && name.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
