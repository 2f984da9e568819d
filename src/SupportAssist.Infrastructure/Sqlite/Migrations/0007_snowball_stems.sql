-- Spanish, French, German and Portuguese chunks now enter chunks_fts as their Snowball stems (SnowballStems), not as
-- raw text for SQLite's English Porter stemmer. Forgetting those articles' content hashes makes the next sync or
-- ingestion index them again the new way; English articles are indexed as before and keep theirs.
UPDATE articles SET content_hash = '' WHERE language IN ('es', 'fr', 'de', 'pt');
