--liquibase formatted sql

--changeset runplane:001-base-schema
CREATE TABLE app_user (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    username      VARCHAR(100) NOT NULL,
    display_name  VARCHAR(200) NOT NULL,
    password_hash VARCHAR(100),
    oidc_subject  VARCHAR(255),
    global_admin  BOOLEAN      NOT NULL DEFAULT FALSE,
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    DATETIME(6)  NOT NULL,
    CONSTRAINT uq_app_user_username UNIQUE (username)
);

CREATE TABLE project (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    name         VARCHAR(63)  NOT NULL,
    display_name VARCHAR(200) NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    CONSTRAINT uq_project_name UNIQUE (name)
);

CREATE TABLE project_member (
    project_id BIGINT      NOT NULL,
    user_id    BIGINT      NOT NULL,
    role       VARCHAR(16) NOT NULL,
    added_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (project_id, user_id),
    CONSTRAINT fk_member_project FOREIGN KEY (project_id) REFERENCES project (id),
    CONSTRAINT fk_member_user FOREIGN KEY (user_id) REFERENCES app_user (id)
);

-- A run holds desired state (spec, desired replicas, stop request) written by users, and a status written only
-- by the reconciler. version is the optimistic lock that turns concurrent writes into a 409.
CREATE TABLE run (
    id                BIGINT AUTO_INCREMENT PRIMARY KEY,
    project_id        BIGINT       NOT NULL,
    name              VARCHAR(63)  NOT NULL,
    run_type          VARCHAR(16)  NOT NULL,
    spec_text         TEXT         NOT NULL,
    spec_version      INT          NOT NULL DEFAULT 1,
    desired_replicas  INT          NOT NULL,
    stop_request      VARCHAR(8)   NOT NULL DEFAULT 'NONE',
    stop_requested_by VARCHAR(100),
    stop_requested_at DATETIME(6),
    status            VARCHAR(16)  NOT NULL,
    submitted_by      VARCHAR(100) NOT NULL,
    submitted_at      DATETIME(6)  NOT NULL,
    updated_at        DATETIME(6)  NOT NULL,
    finished_at       DATETIME(6),
    version           BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT uq_run_project_name UNIQUE (project_id, name),
    CONSTRAINT fk_run_project FOREIGN KEY (project_id) REFERENCES project (id)
);
CREATE INDEX ix_run_status ON run (status);
CREATE INDEX ix_run_project_submitted ON run (project_id, submitted_at);
