-- One row per deflection (later per draft and triage call). 'record' is the whole outcome as JSON; the
-- columns beside it are what queries filter on. Inputs are stored redacted.
CREATE TABLE outcomes (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    at         TEXT NOT NULL,
    decision   TEXT NOT NULL,
    session_id TEXT,
    record     TEXT NOT NULL
) STRICT;

CREATE INDEX outcomes_by_kind_and_time ON outcomes (kind, at);

CREATE TABLE outcome_feedback (
    seq        INTEGER PRIMARY KEY,
    outcome_id TEXT NOT NULL REFERENCES outcomes (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    at         TEXT NOT NULL,
    comment    TEXT
) STRICT;

CREATE INDEX outcome_feedback_by_outcome ON outcome_feedback (outcome_id);
