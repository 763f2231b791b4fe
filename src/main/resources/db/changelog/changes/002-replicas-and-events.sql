--liquibase formatted sql

--changeset runplane:002-replicas-and-events
SELECT 1;
