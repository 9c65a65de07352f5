-- Audit entries are chained when their transaction commits, inside PostgreSQL (docs/audit-chain.md,
-- "Appending"). A writer inserts its entries here, with their canonical JSON in the three pieces
-- around seq and at (audit-chain.ts, entryHashParts); a deferred trigger, at commit, takes the
-- chain's lock, reads the head, hashes and inserts the entries into audit_entry and deletes them
-- here. The lock is thus held only while the transaction commits, never while a client thinks
-- or the network carries a reply, and the chain's order is still the order of commits.
-- Unlogged: a row lives only inside its own transaction, so nothing here needs to survive a crash.
CREATE UNLOGGED TABLE "audit_pending" (
    "id" BIGSERIAL NOT NULL,
    "tx" BIGINT NOT NULL DEFAULT txid_current(),
    "kind" TEXT NOT NULL,
    "actor" TEXT,
    "subject" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "before_at" TEXT NOT NULL,
    "before_seq" TEXT NOT NULL,
    "after_seq" TEXT NOT NULL,
    CONSTRAINT "audit_pending_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_pending_tx_idx" ON "audit_pending" ("tx");

CREATE FUNCTION chain_audit_pending() RETURNS trigger AS $$
DECLARE
  head_seq integer;
  head_hash text;
  at_time timestamp(3);
  at_text text;
  entry record;
  entry_hash text;
BEGIN
  -- One run per transaction chains all of its entries (the trigger fires once per row).
  IF current_setting('portal.audit_chained', true) IS NOT DISTINCT FROM txid_current()::text THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('portal.audit_chained', txid_current()::text, true);
  -- Every committing writer takes the public data version's row (bump_public_data_version)
  -- before the chain's lock, never after it: the same order everywhere, so no deadlock.
  PERFORM 1 FROM "public_data_version" WHERE "id" = 1 FOR UPDATE;
  PERFORM pg_advisory_xact_lock(287002);
  -- A statement after the lock: in READ COMMITTED it sees the entries of the writer it waited for.
  SELECT "seq", "hash" INTO head_seq, head_hash FROM "audit_entry" ORDER BY "seq" DESC LIMIT 1;
  IF NOT FOUND THEN
    head_seq := 0;
    head_hash := repeat('0', 64);
  END IF;
  at_time := date_trunc('milliseconds', clock_timestamp() AT TIME ZONE 'UTC');
  at_text := to_char(at_time, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  FOR entry IN SELECT * FROM "audit_pending" WHERE "tx" = txid_current() ORDER BY "id" LOOP
    head_seq := head_seq + 1;
    entry_hash := encode(sha256(convert_to(
      head_hash || E'\n' || entry."before_at" || '"' || at_text || '"' || entry."before_seq" || head_seq::text || entry."after_seq", 'UTF8')), 'hex');
    INSERT INTO "audit_entry" ("seq", "at", "kind", "actor", "subject", "data", "prev_hash", "hash")
      VALUES (head_seq, at_time, entry."kind", entry."actor", entry."subject", entry."data", head_hash, entry_hash);
    head_hash := entry_hash;
  END LOOP;
  DELETE FROM "audit_pending" WHERE "tx" = txid_current();
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER "audit_pending_chain" AFTER INSERT ON "audit_pending"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION chain_audit_pending();
