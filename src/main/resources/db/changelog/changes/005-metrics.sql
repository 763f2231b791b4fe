--liquibase formatted sql

--changeset runplane:005-metrics
SELECT 1;
