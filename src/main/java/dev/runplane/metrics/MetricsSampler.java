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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The sampling job: one pass reads every running submission's resource usage from its backend and stores a sample
 * per submission with a CPU % computed from this and the previous reading. Backends are asked in parallel on a few
 * threads of its own, and a pass waits for them at most one interval (at most 10 s): a slow or hung backend costs
 * its replicas a sample, never the others theirs.
 */
@Component
class MetricsSampler {
    private static final Logger log = LoggerFactory.getLogger(MetricsSampler.class);
    private static final BigDecimal MAX_CPU_PERCENT = new BigDecimal("9999999.99");
    private static final BigDecimal MAX_GPU_PERCENT = new BigDecimal("999.99");

    private final MetricsStore store;
    private final BackendRegistry backends;
    private final Clock clock;
    private final Duration timeout;
    private final CpuMeter meter = new CpuMeter();
    private final ExecutorService pool = Executors.newFixedThreadPool(
            Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 4),
            Thread.ofPlatform().name("metrics-sample-", 0).daemon(true).factory());

    private record Reading(Target target, ResourceSample sample, Instant at) {
    }

    MetricsSampler(MetricsStore store, BackendRegistry backends, Clock clock, MetricsProperties settings) {
        this.store = store;
        this.backends = backends;
        this.clock = clock;
        this.timeout = settings.interval().compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                : settings.interval();
    }

    /** One pass; called by one thread at a time ({@link MetricsSchedule}). */
    void sampleOnce() {
        List<Target> targets = store.running();
        meter.retainOnly(targets.stream().map(Target::submissionId).collect(Collectors.toSet()));
        List<Sample> samples = new ArrayList<>();
        for (Reading reading : read(targets)) {
            OptionalDouble cpu = meter.record(reading.target().submissionId(), reading.sample().cpuSecondsTotal(),
                    reading.at());
            if (cpu.isPresent()) {
                samples.add(sample(reading, cpu.getAsDouble()));
            }
        }
        store.insertSamples(samples);
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

    private static Sample sample(Reading reading, double cpuPercent) {
        ResourceSample s = reading.sample();
        return new Sample(reading.target().submissionId(), reading.at().truncatedTo(ChronoUnit.MICROS),
                clamp(cpuPercent, MAX_CPU_PERCENT), Math.max(0, s.memoryBytes()),
                s.gpuUtilPercent() == null ? null : clamp(s.gpuUtilPercent(), MAX_GPU_PERCENT),
                s.gpuMemoryBytes() == null ? null : Math.max(0, s.gpuMemoryBytes()));
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
