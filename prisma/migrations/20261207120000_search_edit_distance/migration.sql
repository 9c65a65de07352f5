-- Search tolerates typos of one or two letters ("Mecklenberg", "Gastonn"): pg_trgm's similarity
-- alone misses many two-letter slips in short names, so search also measures the edit distance
-- to each place's name with fuzzystrmatch's levenshtein_less_equal (app/registry/search.ts).
-- fuzzystrmatch ships with PostgreSQL's contrib modules, as pg_trgm does, and managed PostgreSQL
-- services offer both.
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
