package dev.runplane.metrics;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads this host's GPU use from {@code nvidia-smi}: two calls per reading, the processes using GPUs and, only when
 * there are any, each GPU's utilisation. A reading runs on a thread of its own and is bounded by
 * {@code runplane.metrics.nvidia-smi-timeout}, after which nvidia-smi is killed; while one is still running no second
 * one starts, so a hung nvidia-smi never piles up processes nor holds up the sampler. Where there is no nvidia-smi
 * (most hosts) readings are empty and that is said once in the log, not at every pass; so is a failing one.
 */
@Component
class NvidiaSmi {
    private static final Logger log = LoggerFactory.getLogger(NvidiaSmi.class);
    static final String[] COMPUTE_APPS = {"--query-compute-apps=pid,gpu_uuid,used_memory",
            "--format=csv,noheader,nounits"};
    static final String[] GPUS = {"--query-gpu=index,uuid,utilization.gpu", "--format=csv,noheader,nounits"};

    private enum State { UNKNOWN, WORKING, ABSENT, FAILING }

    private final String command;
    private final Duration timeout;
    private final AtomicReference<CompletableFuture<Optional<GpuSnapshot>>> inFlight = new AtomicReference<>();
    private volatile State state = State.UNKNOWN;

    @Autowired
    NvidiaSmi(MetricsProperties settings) {
        this(settings.nvidiaSmi(), settings.nvidiaSmiTimeout());
    }

    /** @param command a path, a name looked up on PATH, or blank for "never ask" */
    NvidiaSmi(String command, Duration timeout) {
        this.command = command == null ? "" : command.strip();
        this.timeout = timeout;
    }

    /**
     * Starts a reading, or returns the one still running. Empty when there is no nvidia-smi, it failed, or it took
     * longer than the timeout.
     */
    CompletableFuture<Optional<GpuSnapshot>> read() {
        while (true) {
            CompletableFuture<Optional<GpuSnapshot>> running = inFlight.get();
            if (running != null && !running.isDone()) {
                return running;
            }
            CompletableFuture<Optional<GpuSnapshot>> next = new CompletableFuture<>();
            if (inFlight.compareAndSet(running, next)) {
                Thread.ofVirtual().name("nvidia-smi").start(() -> next.complete(readNow()));
                return next;
            }
        }
    }

    /** One reading on the calling thread. */
    Optional<GpuSnapshot> readNow() {
        Optional<Path> executable = executable();
        if (executable.isEmpty()) {
            changeState(State.ABSENT, "no nvidia-smi found (runplane.metrics.nvidia-smi=" + command
                    + "): replicas get no GPU figures");
            return Optional.empty();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            String apps = run(executable.get(), COMPUTE_APPS, deadline);
            Map<Long, List<GpuSnapshot.GpuProcess>> processes = GpuSnapshot.parseComputeApps(apps);
            // no process uses a GPU: how busy the GPUs are would be attributed to nobody
            Map<String, Double> gpus = processes.isEmpty() ? Map.of()
                    : GpuSnapshot.parseGpus(run(executable.get(), GPUS, deadline));
            changeState(State.WORKING, "GPU figures from " + executable.get());
            return Optional.of(new GpuSnapshot(processes, gpus));
        } catch (IOException | TimeoutException e) {
            changeState(State.FAILING, executable.get() + " failed, replicas get no GPU figures until it works: "
                    + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The configured path if it is an executable file, else the first executable of that name on PATH. */
    Optional<Path> executable() {
        if (command.isEmpty()) {
            return Optional.empty();
        }
        if (command.contains(File.separator)) {
            Path path = Path.of(command);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = System.getenv("PATH");
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, command);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static String run(Path executable, String[] args, long deadline)
            throws IOException, TimeoutException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        // read while it runs: a full pipe would otherwise block it forever
        CompletableFuture<String> output = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (InputStream in = process.getInputStream()) {
                output.complete(new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.completeExceptionally(e);
            }
        });
        long left = deadline - System.nanoTime();
        if (left <= 0 || !process.waitFor(left, TimeUnit.NANOSECONDS)) {
            kill(process);
            throw new TimeoutException("no answer within the timeout (runplane.metrics.nvidia-smi-timeout)");
        }
        String text;
        try {
            text = output.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (TimeoutException e) {
            // it ended, but something it started still holds the pipe open
            kill(process);
            throw new TimeoutException("its output did not end within the timeout");
        }
        if (process.exitValue() != 0) {
            String first = text.lines().findFirst().orElse("").strip();
            throw new IOException("exit code " + process.exitValue() + (first.isEmpty() ? "" : ": " + first));
        }
        return text;
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Logs when the state changes, not at every pass. */
    private void changeState(State next, String message) {
        State previous = state;
        state = next;
        if (previous == next) {
            log.debug("{}", message);
        } else if (next == State.FAILING) {
            log.warn("{}", message);
        } else {
            log.info("{}", message);
        }
    }
}
