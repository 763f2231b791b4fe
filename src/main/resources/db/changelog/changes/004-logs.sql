--liquibase formatted sql

--changeset runplane:004-logs
SELECT 1;
