-- Municipal pre-approval (issue 14, points 2-4): what a pre-approval policy requires of an
-- application, the applications and their dated stages, residents' comments, and agreements
-- that appear without an approved application. Nothing here is deleted: triggers refuse it.

-- AlterTable
ALTER TABLE "policy" ADD COLUMN "required_application_items" TEXT[] DEFAULT ARRAY[]::TEXT[],
    ADD COLUMN "comment_period_days" INTEGER;

-- CreateEnum
CREATE TYPE "ApplicationStage" AS ENUM ('SUBMITTED', 'COMPLETENESS_REVIEW', 'RETURNED', 'PUBLIC_NOTICE', 'PUBLIC_HEARING', 'DECIDED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ApplicationDecision" AS ENUM ('APPROVED', 'APPROVED_WITH_CONDITIONS', 'DENIED');

-- CreateTable
CREATE TABLE "preapproval_application" (
    "id" SERIAL NOT NULL,
    "policy_id" INTEGER NOT NULL,
    "agency_id" INTEGER NOT NULL,
    "model" "AgreementModel" NOT NULL,
    "stage" "ApplicationStage" NOT NULL,
    "items" JSONB NOT NULL DEFAULT '{}',
    "comments_open_on" DATE,
    "comments_close_on" DATE,
    "hearing_at" TIMESTAMP(3),
    "hearing_place" TEXT,
    "hearing_minutes" TEXT,
    "decision" "ApplicationDecision",
    "conditions" TEXT,
    "votes_for" INTEGER,
    "votes_against" INTEGER,
    "votes_abstaining" INTEGER,
    "decided_on" DATE,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "preapproval_application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "application_event" (
    "id" SERIAL NOT NULL,
    "application_id" INTEGER NOT NULL,
    "from_stage" "ApplicationStage",
    "to_stage" "ApplicationStage" NOT NULL,
    "effective_on" DATE NOT NULL,
    "actor" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "application_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "application_comment" (
    "id" SERIAL NOT NULL,
    "application_id" INTEGER NOT NULL,
    "name" TEXT,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "hidden_at" TIMESTAMP(3),
    "hidden_reason" TEXT,
    "hidden_by_id" INTEGER,

    CONSTRAINT "application_comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comment_attempt" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comment_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "preapproval_flag" (
    "id" SERIAL NOT NULL,
    "agreement_id" INTEGER NOT NULL,
    "agency_id" INTEGER NOT NULL,
    "policy_id" INTEGER NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "raised_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMP(3),
    "resolved_by_id" INTEGER,
    "resolution_note" TEXT,

    CONSTRAINT "preapproval_flag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "preapproval_application_agency_id_model_idx" ON "preapproval_application"("agency_id", "model");
CREATE INDEX "preapproval_application_policy_id_idx" ON "preapproval_application"("policy_id");
CREATE INDEX "application_event_application_id_id_idx" ON "application_event"("application_id", "id");
CREATE INDEX "application_event_at_id_idx" ON "application_event"("at" DESC, "id" DESC);
CREATE INDEX "application_comment_application_id_id_idx" ON "application_comment"("application_id", "id");
CREATE INDEX "comment_attempt_key_created_at_idx" ON "comment_attempt"("key", "created_at");
CREATE INDEX "comment_attempt_created_at_idx" ON "comment_attempt"("created_at");
CREATE UNIQUE INDEX "preapproval_flag_agreement_id_key" ON "preapproval_flag"("agreement_id");
CREATE INDEX "preapproval_flag_agency_id_idx" ON "preapproval_flag"("agency_id");
CREATE INDEX "preapproval_flag_resolved_at_idx" ON "preapproval_flag"("resolved_at");

-- AddForeignKey
ALTER TABLE "preapproval_application" ADD CONSTRAINT "preapproval_application_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "policy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "preapproval_application" ADD CONSTRAINT "preapproval_application_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "application_event" ADD CONSTRAINT "application_event_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "preapproval_application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "application_comment" ADD CONSTRAINT "application_comment_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "preapproval_application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "preapproval_flag" ADD CONSTRAINT "preapproval_flag_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "agreement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "preapproval_flag" ADD CONSTRAINT "preapproval_flag_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "preapproval_flag" ADD CONSTRAINT "preapproval_flag_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "policy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The record is public and complete: stages are append-only; applications, comments (hidden,
-- never removed) and flags (resolved, never removed) may change but not be deleted.
CREATE FUNCTION refuse_delete_kept_record() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% keeps its record: % is not allowed', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER application_event_append_only BEFORE UPDATE OR DELETE ON "application_event"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
CREATE TRIGGER application_event_no_truncate BEFORE TRUNCATE ON "application_event"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_append_only();
CREATE TRIGGER preapproval_application_no_delete BEFORE DELETE ON "preapproval_application"
  FOR EACH ROW EXECUTE FUNCTION refuse_delete_kept_record();
CREATE TRIGGER preapproval_application_no_truncate BEFORE TRUNCATE ON "preapproval_application"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete_kept_record();
CREATE TRIGGER application_comment_no_delete BEFORE DELETE ON "application_comment"
  FOR EACH ROW EXECUTE FUNCTION refuse_delete_kept_record();
CREATE TRIGGER application_comment_no_truncate BEFORE TRUNCATE ON "application_comment"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete_kept_record();
CREATE TRIGGER preapproval_flag_no_delete BEFORE DELETE ON "preapproval_flag"
  FOR EACH ROW EXECUTE FUNCTION refuse_delete_kept_record();
CREATE TRIGGER preapproval_flag_no_truncate BEFORE TRUNCATE ON "preapproval_flag"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete_kept_record();

-- Public pages show applications, comments and flags: they change the public data version.
CREATE CONSTRAINT TRIGGER "preapproval_application_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "preapproval_application"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
CREATE CONSTRAINT TRIGGER "application_event_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "application_event"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
CREATE CONSTRAINT TRIGGER "application_comment_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "application_comment"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
CREATE CONSTRAINT TRIGGER "preapproval_flag_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "preapproval_flag"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
