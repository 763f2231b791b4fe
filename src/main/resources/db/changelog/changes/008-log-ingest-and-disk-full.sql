--liquibase formatted sql

--changeset runplane:008-log-ingest-and-disk-full
-- No query reads log lines by run: every read, the retention and the merged view go by submission
-- (ix_log_submission). Each secondary index costs every inserted line, so the unused one goes.
DROP INDEX ix_log_run ON log_line;

-- Lines of a submission read while the data disk was below runplane.min-free-disk and therefore not stored: NULL
-- outside such a period, otherwise the count so far. Written in the same transaction as the offsets that skip those
-- lines, so the "N lines not stored" line written once space returns is exact even across a crash.
ALTER TABLE log_progress ADD COLUMN lines_unstored BIGINT NULL;
