--liquibase formatted sql

--changeset runplane:013-service-tokens
-- Tokens that open one service's endpoint and nothing else (no API, no other service); the secret only as its
-- SHA-256, shown once at creation.
CREATE TABLE service_token (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    run_id       BIGINT       NOT NULL,
    name         VARCHAR(100) NOT NULL,
    token_prefix VARCHAR(16)  NOT NULL,
    secret_hash  CHAR(64)     NOT NULL,
    created_by   VARCHAR(100) NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    revoked_at   DATETIME(6),
    CONSTRAINT uq_service_token_secret_hash UNIQUE (secret_hash),
    CONSTRAINT fk_service_token_run FOREIGN KEY (run_id) REFERENCES run (id) ON DELETE CASCADE
);
CREATE INDEX ix_service_token_run ON service_token (run_id, id);
