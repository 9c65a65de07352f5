/** npm run db:seed: migrates the portal's database and runs any seed step not yet run. */
import { openPreparedDatabase } from './db/prepare';

const db = await openPreparedDatabase();
console.log(`Database is migrated and seeded: ${db.location}`);
await db.close();
