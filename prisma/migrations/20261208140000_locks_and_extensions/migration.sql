-- Deadlines with teeth (issue 15, point 2): a requirement version may lock a period a number of
-- days after its due date (null: never locks); after that only a reviewer's extension, granted
-- with a new date and a reason, lets the agency file. Extensions are append-only: the latest
-- grant for a period governs, and the earlier ones stay as history.

-- AlterTable
ALTER TABLE "requirement_version" ADD COLUMN "lock_days_after_due" INTEGER,
    ADD CONSTRAINT "requirement_version_lock_days_after_due_check" CHECK ("lock_days_after_due" IS NULL OR "lock_days_after_due" >= 0);

-- CreateTable
CREATE TABLE "filing_extension" (
    "id" SERIAL NOT NULL,
    "requirement_id" INTEGER NOT NULL,
    "period_key" TEXT NOT NULL,
    "until" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "granted_by_id" INTEGER NOT NULL,
    "granted_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "filing_extension_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "filing_extension_requirement_id_period_key_granted_at_idx" ON "filing_extension"("requirement_id", "period_key", "granted_at");

-- AddForeignKey
ALTER TABLE "filing_extension" ADD CONSTRAINT "filing_extension_requirement_id_fkey" FOREIGN KEY ("requirement_id") REFERENCES "requirement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filing_extension" ADD CONSTRAINT "filing_extension_granted_by_id_fkey" FOREIGN KEY ("granted_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Extensions are public (the agency's page lists them): a grant changes what public pages show.
CREATE CONSTRAINT TRIGGER "filing_extension_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "filing_extension"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
