package dev.runplane.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Watches free space in the data directory (replica output files, embedded database). Below the threshold new runs
 * are refused, the health endpoint warns, and running replicas are left alone: they keep running and their output
 * is ingested again once space returns.
 */
@Component
public class DataDiskGuard {
    private static final Logger log = LoggerFactory.getLogger(DataDiskGuard.class);

    private final LongSupplier usableBytes;
    private final long minimumFree;
    private volatile boolean low;

    @Autowired
    DataDiskGuard(RunplaneProperties properties,
                  @Value("${runplane.min-free-disk:256MB}") DataSize minimumFree) {
        this(() -> usable(properties.dataDir()), minimumFree.toBytes());
    }

    DataDiskGuard(LongSupplier usableBytes, long minimumFree) {
        this.usableBytes = usableBytes;
        this.minimumFree = minimumFree;
    }

    /** Current free bytes; updates the low-space state and logs when it changes. */
    public long check() {
        long free = usableBytes.getAsLong();
        boolean nowLow = free >= 0 && free < minimumFree;
        if (nowLow != low) {
            low = nowLow;
            if (nowLow) {
                log.warn("Free space in the data directory is {} MB, below the minimum of {} MB: new runs are refused "
                        + "until space returns", free / 1_000_000, minimumFree / 1_000_000);
            } else {
                log.info("Free space in the data directory is back ({} MB): new runs are accepted again",
                        free / 1_000_000);
            }
        }
        return free;
    }

    public boolean isLow() {
        return low;
    }

    public long minimumFree() {
        return minimumFree;
    }

    /** @throws InsufficientStorageException while free space is below the minimum */
    public void requireSpaceForNewRuns() {
        check();
        if (low) {
            throw new InsufficientStorageException("the server's data disk is almost full (less than "
                    + minimumFree / 1_000_000 + " MB free): new runs are refused until space is freed; "
                    + "running replicas are not affected");
        }
    }

    private static long usable(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }
}
