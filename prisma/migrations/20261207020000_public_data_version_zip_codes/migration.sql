-- /search finds places by ZIP code too: with the ZIP codes among the tables that change the
-- public data version, the search page is versioned (and kept whole) like the other public pages.
CREATE CONSTRAINT TRIGGER "zip_code_public_data_changed" AFTER INSERT OR UPDATE OR DELETE ON "zip_code"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_public_data_version();
