--liquibase formatted sql

--changeset runplane:011-sso-identity-issuer
-- An SSO identity is (issuer, subject): two providers may hand out the same subject to different people. Rows made
-- before this change have no issuer; at start-up Runplane gives them the issuer of the one configured provider, or
-- refuses to start while several are configured (SsoIdentityMigration says what to do).
ALTER TABLE app_user ADD COLUMN oidc_issuer VARCHAR(255);
CREATE UNIQUE INDEX uq_app_user_oidc_identity ON app_user (oidc_issuer, oidc_subject);

--changeset runplane:011-sso-identity-issuer-drop-subject-index dbms:mariadb,mysql
DROP INDEX uq_app_user_oidc_subject ON app_user;

--changeset runplane:011-sso-identity-issuer-drop-subject-index-h2 dbms:h2
DROP INDEX uq_app_user_oidc_subject;
