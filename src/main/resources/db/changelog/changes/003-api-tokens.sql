--liquibase formatted sql

--changeset runplane:003-api-tokens
-- Bearer tokens for the REST API and the CLI. Only the SHA-256 of the secret is stored: the secret is 32 random
-- bytes, so a fast hash cannot be brute-forced, and lookup by hash needs no constant-time comparison.
-- token_prefix is the first characters of the secret, enough to tell tokens apart in a list, useless to an attacker.
-- Revoked rows are kept (revoked_at) so that lists and audits can still name the token.
CREATE TABLE api_token (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id      BIGINT       NOT NULL,
    name         VARCHAR(100) NOT NULL,
    token_prefix VARCHAR(16)  NOT NULL,
    secret_hash  CHAR(64)     NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    expires_at   DATETIME(6),
    last_used_at DATETIME(6),
    revoked_at   DATETIME(6),
    CONSTRAINT uq_api_token_secret_hash UNIQUE (secret_hash),
    CONSTRAINT fk_api_token_user FOREIGN KEY (user_id) REFERENCES app_user (id)
);
CREATE INDEX ix_api_token_user ON api_token (user_id, id);
