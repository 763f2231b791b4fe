--liquibase formatted sql

--changeset runplane:004-logs
-- Sanitised log lines. id is the cursor of every read (single replica, merged view, SSE): one ingestor thread per
-- node inserts in order, so ids grow in ingestion-time order.
CREATE TABLE log_line (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    submission_id  BIGINT      NOT NULL,
    run_id         BIGINT      NOT NULL,
    replica_num    INT         NOT NULL,
    submission_num INT         NOT NULL,
    seq            BIGINT      NOT NULL,
    stream         CHAR(1)     NOT NULL,
    logged_at      DATETIME(6) NOT NULL,
    text           TEXT        NOT NULL,
    spans          TEXT,
    CONSTRAINT uq_log_seq UNIQUE (submission_id, seq)
);
CREATE INDEX ix_log_submission ON log_line (submission_id, id);
CREATE INDEX ix_log_run ON log_line (run_id, id);

-- Ingestion progress per submission, written in the same transaction as the lines it accounts for, so a crash
-- neither loses nor repeats a line. Offsets always sit at a line boundary.
CREATE TABLE log_progress (
    submission_id BIGINT  NOT NULL PRIMARY KEY,
    stdout_offset BIGINT  NOT NULL DEFAULT 0,
    stderr_offset BIGINT  NOT NULL DEFAULT 0,
    next_seq      BIGINT  NOT NULL DEFAULT 1,
    lines_stored  BIGINT  NOT NULL DEFAULT 0,
    lines_dropped BIGINT  NOT NULL DEFAULT 0,
    complete      BOOLEAN NOT NULL DEFAULT FALSE
);
