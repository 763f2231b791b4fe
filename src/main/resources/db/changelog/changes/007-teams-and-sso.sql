--liquibase formatted sql

--changeset runplane:007-teams-and-sso
-- Where a membership came from: LOCAL (an admin, the API) or SSO (the IdP's groups claim, re-applied at every
-- login). Only SSO rows are removed when the claim shrinks, so a grant made by hand survives a login.
ALTER TABLE project_member ADD COLUMN source VARCHAR(8) NOT NULL DEFAULT 'LOCAL';

-- An SSO user is found by the IdP's subject, never by a user name the IdP could choose to match someone else's.
CREATE UNIQUE INDEX uq_app_user_oidc_subject ON app_user (oidc_subject);

-- The audit log also holds events that belong to no project (users created, tokens created or revoked);
-- those rows have no project and only global administrators see them.
ALTER TABLE run_event MODIFY project_id BIGINT NULL;
CREATE INDEX ix_event_actor ON run_event (actor, id);
CREATE INDEX ix_event_time ON run_event (occurred_at, id);
