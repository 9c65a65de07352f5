-- Model policy versions (issue 14, point 1): each adoption or amendment of a model policy keeps
-- the answers it was made from and the resolution text as adopted, numbered 1, 2, … per policy.
-- A version is a record of what a body voted on: triggers refuse updates and deletes.

-- CreateTable
CREATE TABLE "policy_version" (
    "id" SERIAL NOT NULL,
    "policy_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "template_id" TEXT NOT NULL,
    "answers" JSONB NOT NULL,
    "resolution_text" TEXT NOT NULL,
    "adopted_on" DATE NOT NULL,
    "votes_for" INTEGER,
    "votes_against" INTEGER,
    "votes_abstaining" INTEGER,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "policy_version_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "policy_version_number_check" CHECK ("number" >= 1)
);

-- CreateIndex
CREATE UNIQUE INDEX "policy_version_policy_id_number_key" ON "policy_version"("policy_id", "number");

-- AddForeignKey
ALTER TABLE "policy_version" ADD CONSTRAINT "policy_version_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "policy"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The adopted text never changes: an amendment is a new version (the function is the
-- reporting migration's).
CREATE TRIGGER policy_version_append_only BEFORE UPDATE OR DELETE ON "policy_version"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
CREATE TRIGGER policy_version_no_truncate BEFORE TRUNCATE ON "policy_version"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_append_only();

-- The public policy page shows the versions: its cached data is keyed by this counter.
CREATE CONSTRAINT TRIGGER "policy_version_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "policy_version"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
