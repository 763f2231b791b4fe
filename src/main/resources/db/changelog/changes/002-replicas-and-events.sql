--liquibase formatted sql

--changeset runplane:002-replicas-and-events
-- One row per attempt to run one replica number of a run. Written only by the reconciler (observed state).
CREATE TABLE replica_submission (
    id                     BIGINT AUTO_INCREMENT PRIMARY KEY,
    run_id                 BIGINT        NOT NULL,
    replica_num            INT           NOT NULL,
    submission_num         INT           NOT NULL,
    status                 VARCHAR(16)   NOT NULL,
    termination_reason     VARCHAR(32),
    exit_code              INT,
    status_message         VARCHAR(1000),
    backend                VARCHAR(16)   NOT NULL,
    backend_handle         VARCHAR(1000),
    host                   VARCHAR(255),
    price_per_hour         DECIMAL(19, 6) NOT NULL DEFAULT 0,
    submitted_at           DATETIME(6)   NOT NULL,
    started_at             DATETIME(6),
    terminate_requested_at DATETIME(6),
    finished_at            DATETIME(6),
    CONSTRAINT uq_submission UNIQUE (run_id, replica_num, submission_num),
    CONSTRAINT fk_submission_run FOREIGN KEY (run_id) REFERENCES run (id)
);
CREATE INDEX ix_submission_status ON replica_submission (status);

-- A user's request to restart one replica number; the reconciler restarts every submission older than it.
CREATE TABLE replica_restart_request (
    run_id       BIGINT       NOT NULL,
    replica_num  INT          NOT NULL,
    requested_at DATETIME(6)  NOT NULL,
    requested_by VARCHAR(100) NOT NULL,
    PRIMARY KEY (run_id, replica_num),
    CONSTRAINT fk_restart_run FOREIGN KEY (run_id) REFERENCES run (id)
);

-- Timeline and audit: append-only (no code path updates or deletes rows). run_id has no foreign key so that
-- events outlive a deleted run.
CREATE TABLE run_event (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    occurred_at  DATETIME(6)   NOT NULL,
    actor        VARCHAR(100)  NOT NULL,
    source       VARCHAR(16)   NOT NULL,
    project_id   BIGINT        NOT NULL,
    run_id       BIGINT,
    run_name     VARCHAR(63),
    action       VARCHAR(32)   NOT NULL,
    before_state VARCHAR(2000),
    after_state  VARCHAR(2000),
    message      VARCHAR(2000)
);
CREATE INDEX ix_event_project ON run_event (project_id, id);
CREATE INDEX ix_event_run ON run_event (run_id, id);

-- Reconciler leases: one app node works on a run at a time; writes are conditional on the lease token.
ALTER TABLE run ADD COLUMN lease_owner VARCHAR(100);
ALTER TABLE run ADD COLUMN lease_token VARCHAR(64);
ALTER TABLE run ADD COLUMN lease_expires_at DATETIME(6);
ALTER TABLE run ADD COLUMN replicas_max INT;
