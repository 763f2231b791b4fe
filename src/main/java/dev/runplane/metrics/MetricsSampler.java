package dev.runplane.metrics;

import dev.runplane.execution.BackendRegistry;
import dev.runplane.execution.ExecutionBackend;
import dev.runplane.execution.ResourceSample;
import dev.runplane.metrics.MetricsStore.Sample;
import dev.runplane.metrics.MetricsStore.Target;
import jakarta.annotation.PreDestroy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The sampling job: one pass reads every running submission's resource usage from its backend and stores a sample
 * per submission with a CPU % computed from this and the previous reading. Backends are asked in parallel on a few
 * threads of its own, and a pass waits for them at most one interval (at most 10 s): a slow or hung backend costs
 * its replicas a sample, never the others theirs. GPU figures of replicas on this host come from one
 * {@link NvidiaSmi} reading per pass, taken meanwhile and awaited until the same deadline: a slow nvidia-smi costs
 * the pass its GPU figures, never its CPU and memory ones.
 */
@Component
class MetricsSampler {
    private static final Logger log = LoggerFactory.getLogger(MetricsSampler.class);
    private static final BigDecimal MAX_CPU_PERCENT = new BigDecimal("9999999.99");
    private static final BigDecimal MAX_GPU_PERCENT = new BigDecimal("999.99");

    private final MetricsStore store;
    private final BackendRegistry backends;
    private final NvidiaSmi nvidiaSmi;
    private final Clock clock;
    private final Duration timeout;
    private final CpuMeter meter = new CpuMeter();
    private final ExecutorService pool = Executors.newFixedThreadPool(
            Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 4),
            Thread.ofPlatform().name("metrics-sample-", 0).daemon(true).factory());

    private record Reading(Target target, ResourceSample sample, Instant at) {
    }

    MetricsSampler(MetricsStore store, BackendRegistry backends, NvidiaSmi nvidiaSmi, Clock clock,
                   MetricsProperties settings) {
        this.store = store;
        this.backends = backends;
        this.nvidiaSmi = nvidiaSmi;
        this.clock = clock;
        this.timeout = settings.interval().compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                : settings.interval();
    }

    /** One pass; called by one thread at a time ({@link MetricsSchedule}). */
    void sampleOnce() {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Target> targets = store.running();
        meter.retainOnly(targets.stream().map(Target::submissionId).collect(Collectors.toSet()));
        if (targets.isEmpty()) {
            return;
        }
        CompletableFuture<Optional<GpuSnapshot>> gpuReading = nvidiaSmi.read();
        List<Reading> readings = read(targets);
        GpuSnapshot gpus = readings.stream().anyMatch(r -> !r.sample().localProcessIds().isEmpty())
                ? await(gpuReading, deadline) : GpuSnapshot.NONE;
        List<Sample> samples = new ArrayList<>();
        for (Reading reading : readings) {
            OptionalDouble cpu = meter.record(reading.target().submissionId(), reading.sample().cpuSecondsTotal(),
                    reading.at());
            if (cpu.isPresent()) {
                samples.add(sample(reading, cpu.getAsDouble(), gpus));
            }
        }
        store.insertSamples(samples);
    }

    /**
     * The GPU reading if it arrives by the pass's deadline; else none for this pass (a reading still running when
     * the next pass starts serves that one).
     */
    private static GpuSnapshot await(CompletableFuture<Optional<GpuSnapshot>> reading, long deadline) {
        try {
            return reading.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                    .orElse(GpuSnapshot.NONE);
        } catch (TimeoutException | ExecutionException e) {
            return GpuSnapshot.NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GpuSnapshot.NONE;
        }
    }

    private List<Reading> read(List<Target> targets) {
        List<Callable<Optional<Reading>>> calls = targets.stream()
                .<Callable<Optional<Reading>>>map(target -> () -> read(target)).toList();
        List<Future<Optional<Reading>>> futures;
        try {
            futures = pool.invokeAll(calls, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        List<Reading> readings = new ArrayList<>();
        int late = 0;
        int failed = 0;
        Throwable firstFailure = null;
        for (Future<Optional<Reading>> future : futures) {
            try {
                future.get().ifPresent(readings::add);
            } catch (CancellationException e) {
                late++;
            } catch (ExecutionException e) {
                failed++;
                firstFailure = firstFailure == null ? e.getCause() : firstFailure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return readings;
            }
        }
        // one line per pass, not one per replica: a broken backend would otherwise flood the log every interval
        if (late > 0) {
            log.warn("{} of {} replicas were not sampled: their backend took longer than {}", late, targets.size(),
                    timeout);
        }
        if (failed > 0) {
            log.warn("{} of {} replicas were not sampled: their backend failed ({})", failed, targets.size(),
                    firstFailure.toString());
            log.debug("First sampling failure of this pass", firstFailure);
        }
        return readings;
    }

    /** Runs on a pool thread. The time is taken when the backend answers, so a slow answer skews no CPU %. */
    private Optional<Reading> read(Target target) {
        Optional<ExecutionBackend> backend = backends.find(target.backend());
        if (backend.isEmpty()) {
            return Optional.empty();
        }
        return backend.get().sample(target.handle()).map(sample -> new Reading(target, sample, clock.instant()));
    }

    /** GPU figures the backend reported win; else those nvidia-smi shows for the replica's processes, if any. */
    private static Sample sample(Reading reading, double cpuPercent, GpuSnapshot gpus) {
        ResourceSample s = reading.sample();
        Double gpuPercent = s.gpuUtilPercent();
        Long gpuMemory = s.gpuMemoryBytes();
        if (gpuPercent == null && gpuMemory == null) {
            Optional<GpuSnapshot.Usage> usage = gpus.usageOf(s.localProcessIds());
            gpuPercent = usage.map(GpuSnapshot.Usage::utilPercent).orElse(null);
            gpuMemory = usage.map(GpuSnapshot.Usage::memoryBytes).orElse(null);
        }
        return new Sample(reading.target().submissionId(), reading.at().truncatedTo(ChronoUnit.MICROS),
                clamp(cpuPercent, MAX_CPU_PERCENT), Math.max(0, s.memoryBytes()),
                gpuPercent == null ? null : clamp(gpuPercent, MAX_GPU_PERCENT),
                gpuMemory == null ? null : Math.max(0, gpuMemory));
    }

    /** Rounded to the column's two decimals and kept within its range, so that no odd reading fails the batch. */
    static BigDecimal clamp(double value, BigDecimal max) {
        if (Double.isNaN(value) || value <= 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        if (Double.isInfinite(value)) {
            return max;
        }
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).min(max);
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }
}
