-- Shared state of every API replica: outcomes and their feedback, cases, and the audit trail.
-- Records are kept as JSON beside the columns that are filtered or ordered on.

CREATE TABLE outcomes (
    seq        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id         uuid PRIMARY KEY,
    kind       text NOT NULL,
    at         timestamptz NOT NULL,
    decision   text NOT NULL,
    session_id text,
    record     jsonb NOT NULL
);

CREATE INDEX outcomes_by_time ON outcomes (at, seq);
CREATE INDEX outcomes_by_kind_and_time ON outcomes (kind, at);

CREATE TABLE outcome_feedback (
    seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    outcome_id uuid NOT NULL REFERENCES outcomes (id) ON DELETE CASCADE,
    kind       text NOT NULL,
    at         timestamptz NOT NULL,
    comment    text,
    final_text text
);

CREATE INDEX outcome_feedback_by_outcome ON outcome_feedback (outcome_id, seq);

CREATE TABLE cases (
    id         uuid PRIMARY KEY,
    reference  text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    status     text NOT NULL,
    queue      text NOT NULL,
    priority   text NOT NULL,
    document   jsonb NOT NULL
);

CREATE INDEX cases_created ON cases (created_at DESC, id DESC);
CREATE INDEX cases_queue_status ON cases (queue, status, created_at DESC);

CREATE TABLE audit (
    seq     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   text NOT NULL,
    action  text NOT NULL,
    target  text NOT NULL,
    outcome text NOT NULL
);
