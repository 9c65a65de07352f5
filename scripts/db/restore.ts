/**
 * npm run db:restore -- <file>
 *
 * Restores a backup made by npm run db:backup into the portal's database (the embedded one, or
 * DATABASE_URL's), which must be empty. Refuses, and leaves the database empty, when the file
 * is damaged or altered, comes from a newer portal, or its audit chain does not verify.
 */
import { BackupRefusedError, restoreBackup } from './backups';
import { openDatabase } from './database';

const file = process.argv[2];
if (!file || file.startsWith('-') || process.argv.length > 3) {
  console.error('db:restore: usage: npm run db:restore -- <backup file> (into an empty database; see docs/deploy.md#backups)');
  process.exit(2);
}

const db = await openDatabase((message) => console.error(message));
let exitCode = 0;
try {
  console.error(`Restoring ${file} into ${db.location} ...`);
  const { manifest, newerMigrations } = await restoreBackup(db.url, file, { log: (message) => console.error(message) });
  const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
  console.log(`Restored ${file} (made ${manifest.createdAt} by portal ${manifest.portalVersion}): ${manifest.tables.length} tables, ${rows} rows; every table matches its checksum.`);
  console.log(`Audit chain valid: ${manifest.audit.entries} entries, head ${manifest.audit.head ?? '(empty)'}.`);
  if (newerMigrations === 1) console.log('Applied 1 migration of this portal version that is newer than the backup.');
  else if (newerMigrations > 1) console.log(`Applied ${newerMigrations} migrations of this portal version that are newer than the backup.`);
} catch (error) {
  if (error instanceof BackupRefusedError && /not empty/.test(error.message) && db.embedded) {
    console.error(
      `db:restore: ${error.message}\nTo restore the embedded database: stop the portal, move its data folder aside ` +
        `(mv ${db.embedded.dataDir} ${db.embedded.dataDir}-before-restore), then run this command again; it starts a fresh, empty one.`,
    );
  } else {
    console.error(`db:restore: ${error instanceof BackupRefusedError ? error.message : error instanceof Error ? error.stack : String(error)}`);
  }
  exitCode = 1;
} finally {
  await db.close();
}
process.exit(exitCode);
