--liquibase formatted sql

--changeset runplane:012-service-endpoints
-- Where a service replica submission listens (host:port, chosen by the backend at launch), and whether its readiness
-- probe lets the services endpoint send it requests; the last probe failure in words, shown on its slot.
ALTER TABLE replica_submission ADD COLUMN endpoint VARCHAR(255) NULL;
ALTER TABLE replica_submission ADD COLUMN ready BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE replica_submission ADD COLUMN probe_failure VARCHAR(1000) NULL;
