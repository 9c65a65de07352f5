-- Throttling that holds under concurrency (app/auth/throttle.server.ts) and anonymous refusals
-- counted instead of logged one by one (app/auth/events.server.ts).

-- Old attempts are pruned by age.
CREATE INDEX "sign_in_failure_created_at_idx" ON "sign_in_failure"("created_at");

-- Secrets the portal makes for itself on first use: the key that signs device cookies.
CREATE TABLE "portal_secret" (
    "name" TEXT NOT NULL,
    "value" BYTEA NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "portal_secret_pkey" PRIMARY KEY ("name")
);

-- One row per kind, source and hour, with a count: bogus API tokens, blocked sign-ins and
-- sign-ins to unknown accounts.
CREATE TABLE "security_event_tally" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "window_start" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "first_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_email" TEXT,
    "last_user_agent" TEXT,

    CONSTRAINT "security_event_tally_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "security_event_tally_kind_source_window_start_key" ON "security_event_tally"("kind", "source", "window_start");
CREATE INDEX "security_event_tally_last_at_idx" ON "security_event_tally"("last_at");
