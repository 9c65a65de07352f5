/**
 * Runs the Prisma CLI against the portal's database (the embedded one when DATABASE_URL is
 * unset): `npm run prisma -- migrate dev --name add_something`.
 */
import { openDatabase, runPrismaCli } from './db/database';

const db = await openDatabase();
const result = runPrismaCli(process.argv.slice(2), db.url, 'inherit');
await db.close();
process.exit(result.status ?? 1);
