-- Calendar feeds of due dates (issue 15, point 1): a private, revocable link per person. Only
-- the token's SHA-256 is stored; at most one live link per person (a new one revokes the old).

-- CreateTable
CREATE TABLE "calendar_feed_token" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "calendar_feed_token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "calendar_feed_token_token_hash_key" ON "calendar_feed_token"("token_hash");

-- CreateIndex
CREATE INDEX "calendar_feed_token_user_id_idx" ON "calendar_feed_token"("user_id");

-- One live link per person, even with two requests racing to create one.
CREATE UNIQUE INDEX "calendar_feed_token_one_live_per_user" ON "calendar_feed_token"("user_id") WHERE "revoked_at" IS NULL;

-- AddForeignKey
ALTER TABLE "calendar_feed_token" ADD CONSTRAINT "calendar_feed_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
