--liquibase formatted sql

--changeset runplane:012-replica-endpoint
-- Where a service replica listens (node address and port), once its backend knows it (Slurm: when it runs).
ALTER TABLE replica_submission ADD COLUMN endpoint VARCHAR(300) NULL;
