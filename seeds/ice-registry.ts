/**
 * The 287(g) registry as ICE published it: the real participating and pending lists in
 * seeds/data/ice-287g, imported in date order (participating before pending on the same day,
 * so an application granted that day is already active when the pending list drops it).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PrismaClient } from '~/db/prisma.server';
import { importIceList } from '~/registry/ice-import.server';
import { dateFromListFileName } from '~/registry/ice-list';
import { seedDataPath } from './data-files';

export const ICE_LISTS_DIR = seedDataPath('ice-287g');

export function iceListsInDateOrder(dir = ICE_LISTS_DIR): string[] {
  const rank = (file: string) => `${dateFromListFileName(file)}|${file.startsWith('participating') ? 0 : 1}`;
  return fs
    .readdirSync(dir)
    .filter((file) => /\.(xlsx|csv)$/i.test(file) && dateFromListFileName(file))
    .sort((a, b) => rank(a).localeCompare(rank(b)))
    .map((file) => path.join(dir, file));
}

export async function seedIceRegistry(prisma: PrismaClient, log: (message: string) => void) {
  for (const file of iceListsInDateOrder()) {
    const result = await importIceList(prisma, {
      bytes: fs.readFileSync(file),
      fileName: path.basename(file),
      importedBy: 'seed',
    });
    log(`  ${path.basename(file)}: ${result.counts.new} new, ${result.counts.changed} changed, ${result.counts.ended} ended`);
  }
}
