package dev.runplane.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runplane.metrics.MetricsStore.Sample;
import dev.runplane.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The retention job against MariaDB. Samples belong to a made-up submission id, so other tests' data is untouched. */
@IntegrationTest
class StatsRetentionIT {
    private final long submission = 9_000_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);

    @Autowired
    MetricsStore store;
    @Autowired
    MetricsRetention retention;
    @Autowired
    MetricsProperties settings;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    @AfterEach
    void cleanUp() {
        jdbc.sql("DELETE FROM metric_sample WHERE submission_id = ?").param(submission).update();
        jdbc.sql("DELETE FROM metric_minute WHERE submission_id = ?").param(submission).update();
    }

    private Sample sample(Instant at, String cpu, long memory) {
        return new Sample(submission, at, new BigDecimal(cpu), memory, null, null);
    }

    @Test
    void completeMinutesAreRolledUpOnceAndSamplesPastRetentionDeleted() {
        Instant now = clock.instant();
        Instant minute = MinuteRollup.completeBefore(now).minus(Duration.ofMinutes(2));
        Instant tooOld = now.minus(settings.rawRetention()).minusSeconds(30);
        store.insertSamples(List.of(
                sample(tooOld, "1.00", 1),
                sample(minute.plusSeconds(5), "10.00", 100),
                sample(minute.plusSeconds(25), "30.00", 300),
                sample(minute.plusSeconds(65), "50.00", 500),
                sample(now, "70.00", 700)));

        retention.runOnce();
        retention.runOnce();

        List<String> minutes = jdbc.sql("""
                        SELECT minute_start, samples, avg_cpu_percent, max_cpu_percent, avg_memory_bytes,
                               max_memory_bytes, avg_gpu_util_percent
                        FROM metric_minute WHERE submission_id = ? ORDER BY minute_start""")
                .param(submission)
                .query((rs, i) -> rs.getTimestamp(1).toInstant() + " n=" + rs.getInt(2) + " cpu="
                        + rs.getBigDecimal(3) + "/" + rs.getBigDecimal(4) + " mem=" + rs.getLong(5) + "/"
                        + rs.getLong(6) + " gpu=" + rs.getBigDecimal(7))
                .list();
        assertThat(minutes).as("rolled up once, the open minute not yet").containsExactly(
                minute + " n=2 cpu=20.00/30.00 mem=200/300 gpu=null",
                minute.plusSeconds(60) + " n=1 cpu=50.00/50.00 mem=500/500 gpu=null");

        List<BigDecimal> left = jdbc.sql("SELECT cpu_percent FROM metric_sample WHERE submission_id = ? "
                + "ORDER BY sampled_at").param(submission).query(BigDecimal.class).list();
        assertThat(left).as("only the sample past raw retention is gone").extracting(BigDecimal::intValue)
                .containsExactly(10, 30, 50, 70);
    }

    @Test
    void minuteRowsPastTheirRetentionAreDeleted() {
        Instant old = clock.instant().minus(settings.downsampledRetention()).minus(Duration.ofMinutes(5));
        jdbc.sql("""
                        INSERT INTO metric_minute (submission_id, minute_start, samples, avg_cpu_percent,
                          max_cpu_percent, avg_memory_bytes, max_memory_bytes)
                        VALUES (?, ?, 1, 1, 1, 1, 1)""")
                .params(submission, MetricsStore.ts(old)).update();

        retention.runOnce();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM metric_minute WHERE submission_id = ?").param(submission)
                .query(Integer.class).single()).isZero();
    }
}
