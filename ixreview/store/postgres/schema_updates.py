"""The team server's migrations 2 to 5 as SQL (claims, reports' decision times, the
folded name's words, ...); `schema.py` runs them after migration 1 (schema_base.py).
Append only: never edit a migration that has shipped.
"""

from __future__ import annotations

V2 = """
-- Who has a request open: "in review by Nina Patel, RN since 10:42". A lease the
-- desk renews while the review is open; an expired lease is free to take.
CREATE TABLE claims (
    request_id bigint PRIMARY KEY REFERENCES requests(id),
    user_id bigint NOT NULL REFERENCES users(id),
    claimed_at text COLLATE "C" NOT NULL,
    expires_at text COLLATE "C" NOT NULL
);

-- Other desks follow changes to the queue: one notification per changed row
-- (ids only, never PHI), delivered at commit.
CREATE FUNCTION notify_queue() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    rid bigint;
BEGIN
    -- IF, not CASE: a record's fields are resolved per statement.
    IF TG_TABLE_NAME = 'requests' THEN
        rid := NEW.id;
    ELSIF TG_OP = 'DELETE' THEN
        rid := OLD.request_id;
    ELSE
        rid := NEW.request_id;
    END IF;
    PERFORM pg_notify('ixreview_queue', json_build_object('table', TG_TABLE_NAME,
        'request_id', rid)::text);
    RETURN NULL;
END $$;
CREATE TRIGGER requests_notify AFTER INSERT ON requests
    FOR EACH ROW EXECUTE FUNCTION notify_queue();
CREATE TRIGGER reviews_notify AFTER INSERT OR UPDATE ON reviews
    FOR EACH ROW EXECUTE FUNCTION notify_queue();
CREATE TRIGGER determinations_notify AFTER INSERT ON determinations
    FOR EACH ROW EXECUTE FUNCTION notify_queue();
CREATE TRIGGER claims_notify AFTER INSERT OR UPDATE OR DELETE ON claims
    FOR EACH ROW EXECUTE FUNCTION notify_queue();

-- Which desk database an entry came from when a desk moved to the team (transfer):
-- (the desk's first audit hash, its seq) -> the server's seq. Makes transfer safe to rerun.
CREATE TABLE transferred_audit (
    source text NOT NULL,
    source_seq bigint NOT NULL,
    seq bigint NOT NULL REFERENCES audit_log(seq),
    PRIMARY KEY (source, source_seq)
);
"""

V3 = r"""
-- Name search by word prefix on a B-tree (what FTS5's prefix index does on the desk):
-- one row per word of each request's folded name. At a million requests a trigram
-- index answered a rare name in 10-40 ms; a prefix range on this index in well under 1.
CREATE TABLE request_words (
    word text COLLATE "C" NOT NULL,
    request_id bigint NOT NULL REFERENCES requests(id),
    PRIMARY KEY (word, request_id)
);
CREATE FUNCTION requests_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ixreview.request_words (word, request_id)
    SELECT DISTINCT w, NEW.id FROM regexp_split_to_table(btrim(NEW.name_words), ' ') AS w
    WHERE w <> '';
    RETURN NULL;
END $$;
CREATE TRIGGER requests_words AFTER INSERT ON requests
    FOR EACH ROW EXECUTE FUNCTION requests_words();
CREATE TRIGGER request_words_immutable BEFORE UPDATE OR DELETE ON request_words
    FOR EACH ROW EXECUTE FUNCTION refuse('a request is kept exactly as received');
INSERT INTO request_words (word, request_id)
SELECT DISTINCT w, r.id FROM requests r, regexp_split_to_table(btrim(r.name_words), ' ') AS w
WHERE w <> '';
DROP INDEX requests_name_words;
"""

V4 = r"""
-- Utilization-management metrics (issue 14) read this, not determinations: the
-- desk's decision_times (its migration 3), one small row per determination with
-- its clock facts precomputed. Derived data only, kept by the server's trigger
-- (SECURITY DEFINER: desks read it and never write it); "current" drops to 0
-- when the determination is superseded.
CREATE TABLE decision_times (
    determination_id bigint PRIMARY KEY REFERENCES determinations(id),
    expedited integer NOT NULL,
    decision text COLLATE "C" NOT NULL,
    decided_at text COLLATE "C" NOT NULL,
    month integer NOT NULL,  -- year * 12 + month - 1 of decided_at (UTC)
    seconds bigint NOT NULL,  -- receipt to decision
    on_time integer NOT NULL,  -- decided by the request's decision_due_at
    decider_id bigint NOT NULL,
    current integer NOT NULL DEFAULT 1
);
-- Column order = GROUP BY order: an index-only scan streams the groups, no sort.
CREATE INDEX decision_times_period ON decision_times
    (month, expedited, decision, current, decided_at, seconds, on_time);
CREATE INDEX decision_times_reviewer ON decision_times
    (decided_at, decider_id, decision, current);
CREATE INDEX decision_times_median ON decision_times (expedited, month, seconds, decided_at)
    WHERE current = 1 AND decision IN ('A1', 'A3');

CREATE FUNCTION decision_times_row(d determinations, r requests) RETURNS decision_times
LANGUAGE sql IMMUTABLE AS $$
    SELECT d.id, coalesce((r.urgency = 'expedited')::integer, 0), d.decision, d.decided_at,
        substr(d.decided_at, 1, 4)::integer * 12 + substr(d.decided_at, 6, 2)::integer - 1,
        round(extract(epoch FROM d.decided_at::timestamptz - r.received_at::timestamptz))::bigint,
        (d.decided_at <= r.decision_due_at)::integer, d.decider_id, 1
$$;

CREATE FUNCTION decision_times_insert() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = ixreview, pg_temp AS $$
BEGIN
    INSERT INTO ixreview.decision_times
    SELECT (ixreview.decision_times_row(NEW, r)).*
    FROM ixreview.requests r WHERE r.id = NEW.request_id;
    IF NEW.supersedes_id IS NOT NULL THEN
        UPDATE ixreview.decision_times SET current = 0
        WHERE determination_id = NEW.supersedes_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER decision_times_insert AFTER INSERT ON determinations
    FOR EACH ROW EXECUTE FUNCTION decision_times_insert();

INSERT INTO decision_times
SELECT (decision_times_row(d, r)).* FROM determinations d JOIN requests r ON r.id = d.request_id;
UPDATE decision_times t SET current = 0
FROM determinations s WHERE s.supersedes_id = t.determination_id;

-- Requests received per period and urgency without reading the request rows.
CREATE INDEX requests_received_urgency ON requests (received_at, urgency);
-- Open reviews (the "overdue now" count) without scanning every decided one.
CREATE INDEX reviews_open ON reviews (state, request_id)
    WHERE state IN ('draft', 'referred', 'pended');
"""

V5 = r"""
-- Migration 4's trigger expanded (decision_times_row(NEW, r)).* into one call of
-- the function per column; call it once, in FROM (the same row, a ninth the work).
CREATE OR REPLACE FUNCTION decision_times_insert() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = ixreview, pg_temp AS $$
BEGIN
    INSERT INTO ixreview.decision_times
    SELECT t.* FROM ixreview.requests r, LATERAL ixreview.decision_times_row(NEW, r) AS t
    WHERE r.id = NEW.request_id;
    -- a correction or later decision: the one it supersedes is no longer current
    UPDATE ixreview.decision_times SET current = 0
    WHERE NEW.supersedes_id IS NOT NULL AND determination_id = NEW.supersedes_id;
    RETURN NULL;
END $$;
"""
