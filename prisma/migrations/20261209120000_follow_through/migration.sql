-- Follow-through (issue 15): per-person mail settings, refusals to report and notices of
-- non-compliance (public, never changed or deleted), the mail outbox and job runs.

-- AlterTable
ALTER TABLE "app_user" ADD COLUMN "reminder_mail" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN "digest_mail" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "agency_refusal" (
    "id" SERIAL NOT NULL,
    "requirement_id" INTEGER NOT NULL,
    "agency_id" INTEGER NOT NULL,
    "period_keys" TEXT[],
    "declined_on" DATE NOT NULL,
    "statement" TEXT NOT NULL,
    "file_name" TEXT,
    "media_type" TEXT,
    "sha256" CHAR(64),
    "bytes" BYTEA,
    "recorded_by_id" INTEGER NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agency_refusal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "compliance_notice" (
    "id" SERIAL NOT NULL,
    "requirement_id" INTEGER NOT NULL,
    "agency_id" INTEGER NOT NULL,
    "period_keys" TEXT[],
    "respond_by" DATE NOT NULL,
    "pdf" BYTEA NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "generated_by_id" INTEGER NOT NULL,
    "generated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_on" DATE,
    "sent_how" TEXT,
    "sent_recorded_at" TIMESTAMP(3),

    CONSTRAINT "compliance_notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_mail" (
    "id" SERIAL NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "to_address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "sent_at" TIMESTAMP(3),
    "failed_at" TIMESTAMP(3),

    CONSTRAINT "outbox_mail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_run" (
    "id" SERIAL NOT NULL,
    "job" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "outcome" TEXT NOT NULL DEFAULT 'running',
    "detail" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,

    CONSTRAINT "job_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "agency_refusal_requirement_id_idx" ON "agency_refusal"("requirement_id");
CREATE INDEX "agency_refusal_agency_id_idx" ON "agency_refusal"("agency_id");
CREATE INDEX "compliance_notice_requirement_id_idx" ON "compliance_notice"("requirement_id");
CREATE INDEX "compliance_notice_agency_id_idx" ON "compliance_notice"("agency_id");
CREATE UNIQUE INDEX "outbox_mail_dedupe_key_key" ON "outbox_mail"("dedupe_key");
CREATE INDEX "outbox_mail_sent_at_failed_at_next_attempt_at_idx" ON "outbox_mail"("sent_at", "failed_at", "next_attempt_at");
CREATE INDEX "job_run_job_started_at_idx" ON "job_run"("job", "started_at");

-- AddForeignKey
ALTER TABLE "agency_refusal" ADD CONSTRAINT "agency_refusal_requirement_id_fkey" FOREIGN KEY ("requirement_id") REFERENCES "requirement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "agency_refusal" ADD CONSTRAINT "agency_refusal_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "agency_refusal" ADD CONSTRAINT "agency_refusal_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "compliance_notice" ADD CONSTRAINT "compliance_notice_requirement_id_fkey" FOREIGN KEY ("requirement_id") REFERENCES "requirement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "compliance_notice" ADD CONSTRAINT "compliance_notice_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "compliance_notice" ADD CONSTRAINT "compliance_notice_generated_by_id_fkey" FOREIGN KEY ("generated_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Refusals are a public record: never changed or deleted.
CREATE FUNCTION agency_refusal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'agency_refusal is append-only';
END $$;
CREATE TRIGGER agency_refusal_no_change BEFORE UPDATE OR DELETE ON "agency_refusal"
  FOR EACH ROW EXECUTE FUNCTION agency_refusal_append_only();

-- A notice's letter is kept as made; only its sending may be recorded, once.
CREATE FUNCTION compliance_notice_keep_letter() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'compliance_notice rows are never deleted'; END IF;
  IF OLD.sent_on IS NOT NULL OR NEW.pdf IS DISTINCT FROM OLD.pdf OR NEW.sha256 IS DISTINCT FROM OLD.sha256
     OR NEW.period_keys IS DISTINCT FROM OLD.period_keys OR NEW.respond_by IS DISTINCT FROM OLD.respond_by
     OR NEW.requirement_id IS DISTINCT FROM OLD.requirement_id OR NEW.agency_id IS DISTINCT FROM OLD.agency_id
     OR NEW.generated_at IS DISTINCT FROM OLD.generated_at OR NEW.generated_by_id IS DISTINCT FROM OLD.generated_by_id THEN
    RAISE EXCEPTION 'compliance_notice: only the sending may be recorded, once';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER compliance_notice_keep_letter BEFORE UPDATE OR DELETE ON "compliance_notice"
  FOR EACH ROW EXECUTE FUNCTION compliance_notice_keep_letter();

-- Refusals and notices are public (the agency's reporting record): they change what public pages show.
CREATE CONSTRAINT TRIGGER "agency_refusal_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "agency_refusal"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
CREATE CONSTRAINT TRIGGER "compliance_notice_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "compliance_notice"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
