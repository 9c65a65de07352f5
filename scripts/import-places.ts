/**
 * npm run import:places -- <file.csv> [<file.csv> ...]
 *
 * Loads a newer edition of a state's places: municipalities (place_fips,name,type,county_fips,
 * population_2020), county populations (county_fips,name,population_2020) or ZIP codes
 * (zip,place_fips,county_fips). The format is described in seeds/data/README.md. Each file is
 * applied whole or not at all; the same file twice changes nothing the second time.
 */
import fs from 'node:fs';
import { createPrismaClient } from '~/db/prisma.server';
import { PlacesFileError } from '~/registry/places-file';
import { importPlaces, PlacesImportRefusedError } from '~/registry/places-import.server';
import { openPreparedDatabase } from './db/prepare';

const USAGE = 'Usage: npm run import:places -- <file.csv> [<file.csv> ...] (municipalities before ZIP codes)';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error(`import:places: name a file to import.\n${USAGE}`);
  process.exit(2);
}
for (const file of files) {
  if (!fs.existsSync(file)) {
    console.error(`import:places: no such file: ${file}`);
    process.exit(1);
  }
}

const db = await openPreparedDatabase((message) => console.error(message));
const prisma = createPrismaClient(db.url);
let exitCode = 0;
try {
  for (const file of files) {
    try {
      const result = await importPlaces(prisma, fs.readFileSync(file, 'utf8'));
      console.log(
        `${file}: ${result.kind} of ${result.stateCode}, ${result.rows} rows: ` +
          `${result.created} new, ${result.changed} changed, ${result.unchanged} unchanged` +
          (result.kind === 'zip-codes' ? `, ${result.removed} removed` : ''),
      );
    } catch (error) {
      if (!(error instanceof PlacesFileError || error instanceof PlacesImportRefusedError)) throw error;
      console.error(`import:places: ${file}:\n${error.message}\nNothing was changed by this file.`);
      exitCode = 1;
      break;
    }
  }
} finally {
  await prisma.$disconnect();
  await db.close();
}
process.exit(exitCode);
