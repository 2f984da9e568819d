-- Cases from the contact form. The columns agents filter and page by; the rest of the case as one JSON document.
CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    status TEXT NOT NULL,
    queue TEXT NOT NULL,
    priority TEXT NOT NULL,
    document TEXT NOT NULL
);
CREATE INDEX cases_created ON cases (created_at DESC, id DESC);
CREATE INDEX cases_queue_status ON cases (queue, status, created_at DESC);
