--liquibase formatted sql

--changeset runplane:010-end-times-and-run-purge
-- When a reconciler pass last saw every active replica of the run alive. Written by the lease claim, which writes
-- the run row every pass anyway (no extra write): after a crash it dates a replica that vanished without a record.
ALTER TABLE run ADD COLUMN replicas_seen_at DATETIME(6);

-- Submissions of deleted runs whose log lines, log progress and metric rows are still to be removed. The delete
-- queues them in its own transaction; the purge removes their rows in small batches (never one long transaction
-- that would stall ingestion) and the queue row once nothing was left for a while (a last ingest batch in flight
-- at the delete is caught too). No foreign key: the submission rows are gone by then.
CREATE TABLE run_data_purge (
    submission_id BIGINT      NOT NULL PRIMARY KEY,
    queued_at     DATETIME(6) NOT NULL
);
