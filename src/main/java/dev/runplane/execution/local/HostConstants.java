package dev.runplane.execution.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The kernel's clock-tick rate and page size, which turn {@code /proc} figures into seconds and bytes. Asked of
 * {@code getconf} once, on first use; 100 and 4096 (what Linux uses on x86-64 and arm64) if that fails.
 */
final class HostConstants {

    static final long CLOCK_TICKS_PER_SECOND = getconf("CLK_TCK", 100);
    static final long PAGE_SIZE_BYTES = getconf("PAGESIZE", 4096);

    private HostConstants() {
    }

    private static long getconf(String name, long fallback) {
        try {
            Process process = new ProcessBuilder("getconf", name).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0) {
                long value = Long.parseLong(out);
                return value > 0 ? value : fallback;
            }
            process.destroyForcibly();
            return fallback;
        } catch (IOException | NumberFormatException e) {
            return fallback;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        }
    }
}
