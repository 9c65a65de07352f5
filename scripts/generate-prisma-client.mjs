// Generates the Prisma client into app/generated/prisma after `npm install`.
// `prisma generate` reads no database, but Prisma 6 insists that the datasource's
// DATABASE_URL is set (or it tries to download a query engine), so a placeholder is given.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [prismaCli, 'generate'], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL || 'postgresql://localhost/unused' },
});
process.exit(result.status ?? 1);
