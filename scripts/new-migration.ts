/**
 * Writes a new migration from the difference between the checked-in migrations and
 * prisma/schema.prisma: `npm run db:new-migration -- add_policies`.
 *
 * Stands in for `prisma migrate dev`, which fails with Prisma 6's WASM schema engine
 * ("PostgreSQL shadow DB must be provided through an external factory"), while
 * `migrate diff --from-migrations` works through the shadow database of prisma/cli-adapter.ts.
 * Apply the result with `npm run db:migrate` (or just start the app).
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, projectDir, runPrismaCli } from './db/database';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:new-migration -- <name_in_snake_case>');
  process.exit(2);
}

const db = await openDatabase();
try {
  const diff = runPrismaCli(
    ['migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
    db.url,
  );
  if (diff.status !== 0) throw new Error(`prisma migrate diff failed:\n${diff.stderr}`);
  const sql = diff.stdout.trim();
  if (!sql || /^-- This is an empty migration\.?$/.test(sql)) {
    console.log('The schema matches the migrations: nothing to write.');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(projectDir, 'prisma', 'migrations', `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'migration.sql'), `${sql}\n`);
    console.log(`Wrote ${path.relative(projectDir, dir)}/migration.sql`);
  }
} finally {
  await db.close();
}
