"""Roles, grants and row-level security of the team server (`ixreview server init`).

- `ixreview_desk` (NOLOGIN): what every reviewer's desk connects through (a login
  role IN ROLE ixreview_desk per desk or per person). It reads the record and
  inserts requests, reviews, determinations and letters; it updates only a
  review's working columns and a request's policy; it holds no UPDATE, DELETE or
  TRUNCATE on determinations, letters or the audit log and cannot write the audit
  log or the users table at all: the audit chain is appended by `audit_append`,
  accounts change through `user_create` / `user_update`, which check the caller.
  A PAS request Bundle it may insert, never change (`pas_requests`); the PAS
  metrics it only reads (the server's triggers keep them).
- `ixreview_admin` (NOLOGIN, member of ixreview_desk): administrators' connections;
  the functions above let it change roles, status and certificates, and the
  trust settings (`signing.*`). Moving a desk to the team (transfer) also copies
  the desk's PAS metrics as they are (`pas_information_requests`).
- Row-level security on settings: the organization CA's encrypted key
  (`signing.ca.*`) is visible to administrators' connections only.

The SQL is idempotent: `server init` runs it after every migration.
"""

from __future__ import annotations

DESK_ROLE = "ixreview_desk"
ADMIN_ROLE = "ixreview_admin"

GRANTS = f"""
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{DESK_ROLE}') THEN
        CREATE ROLE {DESK_ROLE} NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{ADMIN_ROLE}') THEN
        CREATE ROLE {ADMIN_ROLE} NOLOGIN IN ROLE {DESK_ROLE};
    END IF;
END $$;

REVOKE ALL ON SCHEMA ixreview FROM PUBLIC;
GRANT USAGE ON SCHEMA ixreview TO {DESK_ROLE};
REVOKE ALL ON ALL TABLES IN SCHEMA ixreview FROM PUBLIC, {DESK_ROLE}, {ADMIN_ROLE};
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ixreview FROM PUBLIC, {DESK_ROLE}, {ADMIN_ROLE};

GRANT SELECT ON ALL TABLES IN SCHEMA ixreview TO {DESK_ROLE};
GRANT INSERT ON ixreview.requests, ixreview.reviews, ixreview.determinations,
    ixreview.letters, ixreview.request_words, ixreview.pas_requests TO {DESK_ROLE};
GRANT UPDATE (policy) ON ixreview.requests TO {DESK_ROLE};
GRANT UPDATE (state, answers_json, clause_comments_json, comment, assigned_to, revision,
    updated_at, updated_by) ON ixreview.reviews TO {DESK_ROLE};
-- Sign-in counts attempts before the slow password check (users.claim_attempt).
GRANT UPDATE (failed_attempts, locked_until) ON ixreview.users TO {DESK_ROLE};
GRANT INSERT, UPDATE ON ixreview.settings TO {DESK_ROLE};
GRANT INSERT, UPDATE, DELETE ON ixreview.claims TO {DESK_ROLE};
GRANT INSERT ON ixreview.transferred_audit, ixreview.pas_information_requests
    TO {ADMIN_ROLE};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA ixreview TO {DESK_ROLE};
GRANT EXECUTE ON FUNCTION ixreview.audit_append(text, bigint, text, text, text, jsonb),
    ixreview.audit_verify(), ixreview.audit_hash(ixreview.audit_log),
    ixreview.user_create(text, text, text, text, text, text, text, text),
    ixreview.user_update(bigint, jsonb), ixreview.caller_is_admin() TO {DESK_ROLE};

ALTER TABLE ixreview.settings ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS settings_read ON ixreview.settings;
DROP POLICY IF EXISTS settings_insert ON ixreview.settings;
DROP POLICY IF EXISTS settings_update ON ixreview.settings;
CREATE POLICY settings_read ON ixreview.settings FOR SELECT
    USING (key NOT LIKE 'signing.ca.%' OR ixreview.caller_is_admin());
CREATE POLICY settings_insert ON ixreview.settings FOR INSERT WITH CHECK (true);
CREATE POLICY settings_update ON ixreview.settings FOR UPDATE
    USING (key NOT LIKE 'signing.ca.%' OR ixreview.caller_is_admin()) WITH CHECK (true);
"""
