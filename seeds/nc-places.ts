/**
 * North Carolina's municipalities (with their counties and 2020 population), the 2020
 * population of its counties, and ZIP codes, from the Census files in seeds/data (their README
 * names sources and dates). Loaded through the same importer as `npm run import:places`.
 */
import fs from 'node:fs';
import type { PrismaClient } from '~/db/prisma.server';
import { importPlaces } from '~/registry/places-import.server';
import { seedDataPath } from './data-files';

/** In the order they must load: ZIP codes name municipalities. */
export const NC_PLACE_FILES = ['nc-municipalities.csv', 'nc-county-population-2020.csv', 'nc-zip-places.csv'].map((name) => seedDataPath(name));

export async function seedNcPlaces(prisma: PrismaClient, log: (message: string) => void) {
  for (const file of NC_PLACE_FILES) {
    const result = await importPlaces(prisma, fs.readFileSync(file, 'utf8'));
    log(`  ${result.kind}: ${result.rows} rows, ${result.created} new, ${result.changed} changed`);
  }
}
