--liquibase formatted sql

--changeset runplane:009-runs-list-indexes
-- The runs list sorts and filters in the database and reads one page at a time; with 100,000 runs in a project
-- every sort column needs an index that starts with the project and ends with the id tie-breaker, or each page is
-- a sort of the whole project. (Name is covered by uq_run_project_name, submitted-at by ix_run_project_submitted.)
CREATE INDEX ix_run_project_status ON run (project_id, status, id);
CREATE INDEX ix_run_project_type ON run (project_id, run_type, id);
CREATE INDEX ix_run_project_submitter ON run (project_id, submitted_by, id);
