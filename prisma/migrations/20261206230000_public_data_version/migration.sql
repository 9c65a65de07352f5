-- A counter that changes, in the committing transaction, whenever anything public pages show
-- may have changed: their ETags and cached data are keyed by it (app/dashboards/data-version.server.ts).
-- Deferred to commit, and once per transaction, so writers hold its row lock only while they
-- commit, and a reader sees the new number exactly when it sees the new data.
CREATE TABLE "public_data_version" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL,
    CONSTRAINT "public_data_version_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "public_data_version_one_row" CHECK ("id" = 1)
);
INSERT INTO "public_data_version" ("id", "version") VALUES (1, 1);

CREATE FUNCTION bump_public_data_version() RETURNS trigger AS $$
BEGIN
  IF current_setting('portal.public_data_bumped', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('portal.public_data_bumped', txid_current()::text, true);
    UPDATE "public_data_version" SET "version" = "version" + 1 WHERE "id" = 1;
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER "ice_import_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "ice_import"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
CREATE CONSTRAINT TRIGGER "agreement_event_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "agreement_event"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
CREATE CONSTRAINT TRIGGER "agreement_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "agreement"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
CREATE CONSTRAINT TRIGGER "agreement_source_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "agreement_source"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
CREATE CONSTRAINT TRIGGER "source_document_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "source_document"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
CREATE CONSTRAINT TRIGGER "agency_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "agency"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
CREATE CONSTRAINT TRIGGER "jurisdiction_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "jurisdiction"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
CREATE CONSTRAINT TRIGGER "municipality_county_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "municipality_county"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
CREATE CONSTRAINT TRIGGER "policy_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "policy"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
CREATE CONSTRAINT TRIGGER "requirement_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "requirement"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
CREATE CONSTRAINT TRIGGER "requirement_version_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "requirement_version"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
CREATE CONSTRAINT TRIGGER "filing_review_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "filing_review"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
CREATE CONSTRAINT TRIGGER "filing_revision_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "filing_revision"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
-- A filing becomes public when a revision counts; its draft is not public.
CREATE CONSTRAINT TRIGGER "filing_public_data_changed" AFTER UPDATE OF "counted_revision_id" ON "filing"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
