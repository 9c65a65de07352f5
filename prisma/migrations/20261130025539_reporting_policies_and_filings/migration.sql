-- CreateEnum
CREATE TYPE "PolicyKind" AS ENUM ('COUNTY_REPORTING', 'MUNICIPAL_PREAPPROVAL', 'MUNICIPAL_REPORTING');

-- CreateEnum
CREATE TYPE "Frequency" AS ENUM ('MONTHLY', 'QUARTERLY', 'ANNUAL');

-- CreateEnum
CREATE TYPE "SubmissionChannel" AS ENUM ('WEB', 'CSV', 'API');

-- CreateTable
CREATE TABLE "policy" (
    "id" SERIAL NOT NULL,
    "jurisdiction_id" INTEGER NOT NULL,
    "kind" "PolicyKind" NOT NULL,
    "title" TEXT NOT NULL,
    "statute" TEXT NOT NULL,
    "adopted_on" DATE NOT NULL,
    "resolution_text" TEXT,
    "oath_text" TEXT NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "policy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "requirement" (
    "id" SERIAL NOT NULL,
    "policy_id" INTEGER NOT NULL,
    "agency_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "requirement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "requirement_version" (
    "id" SERIAL NOT NULL,
    "requirement_id" INTEGER NOT NULL,
    "effective_from" DATE NOT NULL,
    "frequency" "Frequency" NOT NULL,
    "due_days_after_end" INTEGER NOT NULL,
    "accepts_late" BOOLEAN NOT NULL DEFAULT true,
    "metric_keys" TEXT[],
    "catalogue_version" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "requirement_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "filing" (
    "id" SERIAL NOT NULL,
    "requirement_id" INTEGER NOT NULL,
    "agency_id" INTEGER NOT NULL,
    "period_key" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "due_at" TIMESTAMP(3) NOT NULL,
    "version_id" INTEGER NOT NULL,
    "draft_values" JSONB NOT NULL DEFAULT '{}',
    "draft_explanations" JSONB NOT NULL DEFAULT '{}',
    "draft_nothing" BOOLEAN NOT NULL DEFAULT false,
    "draft_saved_at" TIMESTAMP(3),
    "draft_saved_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "filing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "filing_revision" (
    "id" SERIAL NOT NULL,
    "filing_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "values" JSONB NOT NULL,
    "explanations" JSONB NOT NULL DEFAULT '{}',
    "nothing_to_report" BOOLEAN NOT NULL DEFAULT false,
    "amendment_reason" TEXT,
    "certified_name" TEXT NOT NULL,
    "certified_title" TEXT NOT NULL,
    "oath_text" TEXT NOT NULL,
    "certified_at" TIMESTAMP(3) NOT NULL,
    "submitted_by_id" INTEGER,
    "channel" "SubmissionChannel" NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "filing_revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attachment" (
    "id" SERIAL NOT NULL,
    "filing_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "media_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "bytes" BYTEA NOT NULL,
    "uploaded_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entry" (
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "actor" TEXT,
    "subject" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "prev_hash" CHAR(64) NOT NULL,
    "hash" CHAR(64) NOT NULL,

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "policy_jurisdiction_id_idx" ON "policy"("jurisdiction_id");

-- CreateIndex
CREATE INDEX "requirement_agency_id_idx" ON "requirement"("agency_id");

-- CreateIndex
CREATE UNIQUE INDEX "requirement_version_requirement_id_effective_from_key" ON "requirement_version"("requirement_id", "effective_from");

-- CreateIndex
CREATE INDEX "filing_agency_id_idx" ON "filing"("agency_id");

-- CreateIndex
CREATE UNIQUE INDEX "filing_requirement_id_period_key_key" ON "filing"("requirement_id", "period_key");

-- CreateIndex
CREATE UNIQUE INDEX "filing_revision_filing_id_number_key" ON "filing_revision"("filing_id", "number");

-- CreateIndex
CREATE INDEX "attachment_filing_id_idx" ON "attachment"("filing_id");

-- CreateIndex
CREATE UNIQUE INDEX "audit_entry_hash_key" ON "audit_entry"("hash");

-- AddForeignKey
ALTER TABLE "policy" ADD CONSTRAINT "policy_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requirement" ADD CONSTRAINT "requirement_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "policy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requirement" ADD CONSTRAINT "requirement_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requirement_version" ADD CONSTRAINT "requirement_version_requirement_id_fkey" FOREIGN KEY ("requirement_id") REFERENCES "requirement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filing" ADD CONSTRAINT "filing_requirement_id_fkey" FOREIGN KEY ("requirement_id") REFERENCES "requirement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filing" ADD CONSTRAINT "filing_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filing" ADD CONSTRAINT "filing_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "requirement_version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filing_revision" ADD CONSTRAINT "filing_revision_filing_id_fkey" FOREIGN KEY ("filing_id") REFERENCES "filing"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_filing_id_fkey" FOREIGN KEY ("filing_id") REFERENCES "filing"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Submitted revisions and the audit log are append-only (written by hand; Prisma's schema
-- language cannot express triggers).
CREATE FUNCTION refuse_change_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER filing_revision_append_only BEFORE UPDATE OR DELETE ON "filing_revision"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
CREATE TRIGGER filing_revision_no_truncate BEFORE TRUNCATE ON "filing_revision"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_append_only();
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON "audit_entry"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON "audit_entry"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_append_only();
