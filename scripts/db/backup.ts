/**
 * npm run db:backup [-- <file or folder>]
 *
 * Writes a consistent backup of the portal's database (the embedded one, or DATABASE_URL's)
 * while the portal keeps running: by default to backups/oversight-<time>.backup. The format and
 * what restore checks are in scripts/db/backups.ts and docs/deploy.md#backups.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BackupRefusedError, backupFileName, writeBackup } from './backups';
import { openDatabase, projectDir } from './database';

const argument = process.argv[2];
if (argument?.startsWith('-')) {
  console.error('db:backup: usage: npm run db:backup [-- <file or folder>] (default: backups/ in the portal folder)');
  process.exit(2);
}
const target = path.resolve(argument ?? path.join(projectDir, 'backups'));
const file = !argument || (fs.existsSync(target) && fs.statSync(target).isDirectory()) ? path.join(target, backupFileName()) : target;
if (fs.existsSync(file)) {
  console.error(`db:backup: ${file} already exists; give another name.`);
  process.exit(2);
}

const db = await openDatabase((message) => console.error(message));
let exitCode = 0;
try {
  const { manifest } = await writeBackup(db.url, file);
  const rows = manifest.tables.reduce((sum, table) => sum + table.rows, 0);
  console.log(`Backup written to ${file}: ${manifest.tables.length} tables, ${rows} rows, ${manifest.migrations.length} migrations (portal ${manifest.portalVersion}).`);
  if (manifest.audit.valid) {
    console.log(`Audit chain valid: ${manifest.audit.entries} entries, head ${manifest.audit.head ?? '(empty)'}.`);
  } else {
    // Kept (the data is still worth having), but restore will refuse it: say so loudly.
    console.error(`WARNING: the audit chain of this database is BROKEN at entry #${manifest.audit.firstBadSeq}; npm run db:restore will refuse this backup. Run npm run audit:verify.`);
    exitCode = 1;
  }
} catch (error) {
  console.error(`db:backup: ${error instanceof BackupRefusedError ? error.message : error instanceof Error ? error.stack : String(error)}`);
  exitCode = 1;
} finally {
  await db.close();
}
process.exit(exitCode);
