-- A seed step may label the data as a demonstration (app/dashboards/demo-data.server.ts):
-- public pages show that label, so a new seed run changes the public data version too.
CREATE CONSTRAINT TRIGGER "seed_run_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "seed_run"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
