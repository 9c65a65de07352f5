-- A submission's checks read the latest revisions of the requirement's last twelve earlier
-- periods (loadForChecks in filings.server.ts): with this index PostgreSQL reads those twelve
-- filings newest first and stops, instead of every filing of the requirement (120 for ten
-- years of monthly reports) sorted.
CREATE INDEX "filing_requirement_id_period_start_idx" ON "filing"("requirement_id", "period_start");

-- No query looks figures up by metric alone (they are read by revision, through the primary
-- key), and every submission inserted one entry per figure into it.
DROP INDEX "revision_value_metric_key_idx";
