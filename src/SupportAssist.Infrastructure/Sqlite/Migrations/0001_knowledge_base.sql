-- Articles as written, with the hash of what was last indexed.
CREATE TABLE articles (
    id           TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    url          TEXT,
    locale       TEXT NOT NULL,
    language     TEXT NOT NULL,
    audience     TEXT NOT NULL CHECK (audience IN ('public', 'internal')),
    product_area TEXT,
    tags         TEXT NOT NULL,
    updated      TEXT,
    body         TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    indexed_at   TEXT NOT NULL
) STRICT;

-- One row per chunk; seq is the FTS5 rowid. Vectors are float32 little-endian.
CREATE TABLE chunks (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    article_id   TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ordinal      INTEGER NOT NULL,
    heading_path TEXT NOT NULL,
    text         TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    dimensions   INTEGER NOT NULL,
    vector       BLOB NOT NULL
) STRICT;

CREATE INDEX chunks_by_article ON chunks (article_id);
CREATE INDEX chunks_by_content_hash ON chunks (content_hash);

-- BM25 over three fields so the title can weigh more than the body (weights are given at query time).
-- facets holds one token per filter value (audience, language, product area; see SqliteKeywordIndex.Facet):
-- the filter is a posting-list intersection inside FTS5, weighted 0 so it never changes a score.
CREATE VIRTUAL TABLE chunks_fts USING fts5 (
    title, headings, body, facets,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
