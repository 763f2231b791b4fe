--liquibase formatted sql

--changeset runplane:006-usage-ledger
-- The billing ledger: one interval per replica submission while it consumes resources (RUNNING until it ends),
-- opened and closed in the same transaction as the status change that starts or ends consumption. No foreign key
-- to run: spend history outlives a deleted run.
CREATE TABLE usage_interval (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    submission_id  BIGINT         NOT NULL,
    project_id     BIGINT         NOT NULL,
    run_id         BIGINT         NOT NULL,
    run_name       VARCHAR(63)    NOT NULL,
    replica_num    INT            NOT NULL,
    submission_num INT            NOT NULL,
    started_at     DATETIME(6)    NOT NULL,
    ended_at       DATETIME(6),
    price_per_hour DECIMAL(19, 6) NOT NULL,
    cost           DECIMAL(24, 10),
    CONSTRAINT uq_usage_submission UNIQUE (submission_id)
);
CREATE INDEX ix_usage_run ON usage_interval (run_id);
CREATE INDEX ix_usage_project_started ON usage_interval (project_id, started_at);
