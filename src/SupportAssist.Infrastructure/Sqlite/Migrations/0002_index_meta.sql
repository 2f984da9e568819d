-- Facts about the index as a whole; 'embedder' names the embedder (provider/model/dimensions) that built its vectors.
CREATE TABLE index_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
