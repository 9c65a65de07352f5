/**
 * Runs the Prisma CLI against the portal's database (the embedded one when DATABASE_URL is
 * unset): `npm run prisma -- migrate dev --name add_something`.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { openDatabase, projectDir } from './db/database';

const db = await openDatabase();
const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [prismaCli, ...process.argv.slice(2)], {
  cwd: projectDir,
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: db.url },
});
await db.close();
process.exit(result.status ?? 1);
