--liquibase formatted sql

--changeset runplane:005-metrics
-- Resource samples of running replica submissions, one row per submission and sampler interval, kept for
-- runplane.metrics.raw-retention. No foreign key to replica_submission: the sampler writes at a high rate from a
-- background job, and retention (not the run's deletion) is what removes samples.
CREATE TABLE metric_sample (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    submission_id    BIGINT         NOT NULL,
    sampled_at       DATETIME(6)    NOT NULL,
    cpu_percent      DECIMAL(9, 2)  NOT NULL,
    memory_bytes     BIGINT         NOT NULL,
    gpu_util_percent DECIMAL(5, 2),
    gpu_memory_bytes BIGINT
);
CREATE INDEX ix_metric_sample_submission ON metric_sample (submission_id, sampled_at);
-- retention deletes by time alone
CREATE INDEX ix_metric_sample_time ON metric_sample (sampled_at);

-- Per-minute aggregates of metric_sample, kept for runplane.metrics.downsampled-retention. The column is
-- minute_start, not minute: MINUTE is a reserved word in H2.
CREATE TABLE metric_minute (
    submission_id        BIGINT        NOT NULL,
    minute_start         DATETIME(6)   NOT NULL,
    samples              INT           NOT NULL,
    avg_cpu_percent      DECIMAL(9, 2) NOT NULL,
    max_cpu_percent      DECIMAL(9, 2) NOT NULL,
    avg_memory_bytes     BIGINT        NOT NULL,
    max_memory_bytes     BIGINT        NOT NULL,
    avg_gpu_util_percent DECIMAL(5, 2),
    max_gpu_util_percent DECIMAL(5, 2),
    avg_gpu_memory_bytes BIGINT,
    max_gpu_memory_bytes BIGINT,
    PRIMARY KEY (submission_id, minute_start)
);
CREATE INDEX ix_metric_minute_time ON metric_minute (minute_start);
