-- Alerts for residents (issue 15, point 5): anyone may follow a county or a town by email,
-- with no account. An address is kept only for this, only while its owner wants alerts: a
-- subscription never confirmed is deleted after a few days, and unsubscribing or erasing deletes
-- the row (and, through the cascade, its links). Tokens are random; only their SHA-256 is stored.

-- CreateTable
CREATE TABLE "alert_subscription" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "jurisdiction_id" INTEGER NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "origin" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_at" TIMESTAMP(3),
    "confirm_token_hash" CHAR(64) NOT NULL,

    CONSTRAINT "alert_subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_link" (
    "token_hash" CHAR(64) NOT NULL,
    "subscription_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_link_pkey" PRIMARY KEY ("token_hash")
);

-- CreateTable
CREATE TABLE "alert_watermark" (
    "event_type" TEXT NOT NULL,
    "scanned_to" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "alert_watermark_pkey" PRIMARY KEY ("event_type")
);

-- CreateIndex
CREATE UNIQUE INDEX "alert_subscription_email_jurisdiction_id_key" ON "alert_subscription"("email", "jurisdiction_id");
CREATE UNIQUE INDEX "alert_subscription_confirm_token_hash_key" ON "alert_subscription"("confirm_token_hash");
CREATE INDEX "alert_subscription_jurisdiction_id_idx" ON "alert_subscription"("jurisdiction_id");
CREATE INDEX "alert_subscription_confirmed_at_created_at_idx" ON "alert_subscription"("confirmed_at", "created_at");
CREATE INDEX "alert_link_subscription_id_idx" ON "alert_link"("subscription_id");

-- AddForeignKey
ALTER TABLE "alert_subscription" ADD CONSTRAINT "alert_subscription_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdiction"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_link" ADD CONSTRAINT "alert_link_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "alert_subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;
