-- Approval holds (issue 15, point 4): where reviewers accepted a revision, the newest accepted
-- revision counts in the public figures until they accept a later one (app/reporting/counting.ts).
-- Existing filings whose newer, unreviewed or returned revision counted are brought in line.
WITH latest AS (
  SELECT DISTINCT ON (filing_id, revision_number) filing_id, revision_number, decision
  FROM filing_review
  ORDER BY filing_id, revision_number, "at" DESC, id DESC
), newest_accepted AS (
  SELECT filing_id, max(revision_number) AS number FROM latest WHERE decision = 'ACCEPTED' GROUP BY filing_id
)
UPDATE filing f SET counted_revision_id = r.id
FROM newest_accepted a JOIN filing_revision r ON r.filing_id = a.filing_id AND r.number = a.number
WHERE f.id = a.filing_id AND f.counted_revision_id IS DISTINCT FROM r.id;
