--liquibase formatted sql

--changeset runplane:010-slurm-backend-id
-- The backend's own id of a submission (a local pid, a Slurm job id), as an administrator finds it in the
-- backend's tools; the handle holds more (paths, start times) and is only for the backend itself.
ALTER TABLE replica_submission ADD COLUMN backend_id VARCHAR(64) NULL;
