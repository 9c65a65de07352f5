-- What the last check of the audit chain found: the last verified entry (so the public /audit
-- page verifies only newer entries) or the first bad one. One row, id 1.
CREATE TABLE "audit_checkpoint" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "seq" INTEGER NOT NULL,
    "hash" CHAR(64) NOT NULL,
    "broken_seq" INTEGER,
    "broken_reason" TEXT,
    "checked_at" TIMESTAMP(3) NOT NULL,
    "full_checked_at" TIMESTAMP(3),

    CONSTRAINT "audit_checkpoint_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_checkpoint_one_row" CHECK ("id" = 1)
);
