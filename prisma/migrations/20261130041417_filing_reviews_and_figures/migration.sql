-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('ACCEPTED', 'RETURNED');

-- DropIndex
DROP INDEX "filing_agency_id_idx";

-- AlterTable
ALTER TABLE "attachment" ADD COLUMN     "revision_number" INTEGER;

-- AlterTable
ALTER TABLE "filing" ADD COLUMN     "counted_revision_id" INTEGER;

-- CreateTable
CREATE TABLE "revision_value" (
    "revision_id" INTEGER NOT NULL,
    "metric_key" TEXT NOT NULL,
    "value" DECIMAL(16,2) NOT NULL,

    CONSTRAINT "revision_value_pkey" PRIMARY KEY ("revision_id","metric_key")
);

-- CreateTable
CREATE TABLE "filing_review" (
    "id" SERIAL NOT NULL,
    "filing_id" INTEGER NOT NULL,
    "revision_number" INTEGER NOT NULL,
    "decision" "ReviewDecision" NOT NULL,
    "note" TEXT,
    "reviewer_id" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "filing_review_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "revision_value_metric_key_idx" ON "revision_value"("metric_key");

-- CreateIndex
CREATE INDEX "filing_review_filing_id_idx" ON "filing_review"("filing_id");

-- CreateIndex
CREATE UNIQUE INDEX "filing_counted_revision_id_key" ON "filing"("counted_revision_id");

-- CreateIndex
CREATE INDEX "filing_agency_id_period_start_idx" ON "filing"("agency_id", "period_start");

-- AddForeignKey
ALTER TABLE "filing" ADD CONSTRAINT "filing_counted_revision_id_fkey" FOREIGN KEY ("counted_revision_id") REFERENCES "filing_revision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "revision_value" ADD CONSTRAINT "revision_value_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "filing_revision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filing_review" ADD CONSTRAINT "filing_review_filing_id_fkey" FOREIGN KEY ("filing_id") REFERENCES "filing"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filing_review" ADD CONSTRAINT "filing_review_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand from here on (Prisma's schema language cannot express triggers or backfills).

-- Reviews and figures are append-only, like the revisions they belong to.
CREATE TRIGGER filing_review_append_only BEFORE UPDATE OR DELETE ON "filing_review"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
CREATE TRIGGER filing_review_no_truncate BEFORE TRUNCATE ON "filing_review"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_append_only();
CREATE TRIGGER revision_value_append_only BEFORE UPDATE OR DELETE ON "revision_value"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
CREATE TRIGGER revision_value_no_truncate BEFORE TRUNCATE ON "revision_value"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_append_only();

-- An attachment may be removed while it belongs to a draft; once submitted with a revision
-- (revision_number set, the only change allowed) it is as permanent as the revision.
CREATE FUNCTION attachment_guard() RETURNS trigger AS $$
BEGIN
  IF OLD.revision_number IS NOT NULL THEN
    RAISE EXCEPTION 'attachment % was submitted with revision % and cannot be changed (%)', OLD.id, OLD.revision_number, TG_OP;
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.filing_id, NEW.file_name, NEW.media_type, NEW.size, NEW.sha256, NEW.bytes)
      IS DISTINCT FROM (OLD.filing_id, OLD.file_name, OLD.media_type, OLD.size, OLD.sha256, OLD.bytes) THEN
    RAISE EXCEPTION 'attachment %: only its revision number may be set', OLD.id;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER attachment_guard BEFORE UPDATE OR DELETE ON "attachment"
  FOR EACH ROW EXECUTE FUNCTION attachment_guard();
CREATE TRIGGER attachment_no_truncate BEFORE TRUNCATE ON "attachment"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_append_only();

-- Figures and the counted revision of filings submitted before this migration.
INSERT INTO "revision_value" ("revision_id", "metric_key", "value")
SELECT r."id", kv.key, kv.value::numeric
FROM "filing_revision" r, jsonb_each_text(r."values") kv
WHERE kv.value ~ '^-?[0-9]+(\.[0-9]+)?$';
UPDATE "filing" f SET "counted_revision_id" = (
  SELECT r."id" FROM "filing_revision" r WHERE r."filing_id" = f."id" ORDER BY r."number" DESC LIMIT 1
);
