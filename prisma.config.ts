import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { cliAdapter } from './prisma/cli-adapter';

// The CLI runs Prisma 6's WASM schema engine through the pg driver adapter (see
// prisma/cli-adapter.ts for why). Run it through `npm run db:*` or the scripts in scripts/,
// which provide DATABASE_URL (starting the embedded PostgreSQL when it is unset).
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: run Prisma through `npm run db:*`.');
    return cliAdapter(url);
  },
});
