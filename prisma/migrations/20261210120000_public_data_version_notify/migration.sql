-- Each new public data version is announced on the channel `public_data_version` (its number as
-- the payload), so instances that LISTEN know the version without reading it for every request
-- (app/dashboards/data-version-watch.server.ts). NOTIFY inside the committing transaction is
-- delivered when, and only if, it commits: a listener never learns a version before its data
-- is visible. The bump itself runs once per transaction, at commit (20261206230000).
CREATE FUNCTION notify_public_data_version() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('public_data_version', NEW."version"::text);
  RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER "public_data_version_notify" AFTER UPDATE ON "public_data_version"
  FOR EACH ROW EXECUTE FUNCTION notify_public_data_version();
