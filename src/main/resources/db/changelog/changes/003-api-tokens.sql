--liquibase formatted sql

--changeset runplane:003-api-tokens
SELECT 1;
