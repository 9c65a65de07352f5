/**
 * North Carolina agreements signed after ICE's list of 2025-07-18, recorded from the MOAs ICE
 * published (seeds/data/moa-nc: what each row rests on is in its README). Each becomes a source
 * of its agreement, marked "not yet on ICE's list" until an imported list shows it.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { PrismaClient } from '~/db/prisma.server';
import type { AgreementModel } from '~/generated/prisma/enums';
import { findState } from '~/registry/names';
import { recordAgreementSource, type RecordedSource } from '~/registry/recorded-agreements.server';
import { seedDataPath } from './data-files';

const MOA_CSV = seedDataPath('moa-nc', 'nc-moas-after-2025-07-18.csv');
const INDEX = 'the MOA index of recoveredfactory/287g-watch (commit 0517b81)';

interface MoaIndexRow {
  state: string;
  agency: string;
  model: string;
  signed_on: string;
  moa_file: string;
  moa_url: string;
  indexed_in_snapshot: string;
}

/** The index writes names in lower case without apostrophes: "columbus county sheriffs office". */
export function agencyNameFromIndex(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ')
    .replace(/\bSheriffs Office\b/, "Sheriff's Office");
}

export function readNcMoas(): RecordedSource[] {
  const rows: MoaIndexRow[] = parse(fs.readFileSync(MOA_CSV), { columns: true, skip_empty_lines: true, trim: true });
  return rows.map((row) => {
    const agencyName = agencyNameFromIndex(row.agency);
    const sheriff = /county sheriff/i.test(agencyName);
    return {
      stateCode: findState(row.state)!.code,
      agencyName,
      agencyType: sheriff ? 'COUNTY' : 'MUNICIPALITY',
      countyName: sheriff ? agencyName.replace(/ Sheriff's Office$/, '') : null,
      model: row.model as AgreementModel,
      signedOn: row.signed_on,
      kind: 'MOA',
      title: row.moa_file,
      url: row.moa_url,
      note: `Signed MOA published by ICE, archived in appelson/Tracking_287g (snapshot ${row.indexed_in_snapshot}); listed in ${INDEX}. The date is the one in ICE's file name.`,
      recordedBy: 'seed',
    } satisfies RecordedSource;
  });
}

export async function seedNcMoas(prisma: PrismaClient, log: (message: string) => void) {
  for (const moa of readNcMoas()) {
    const outcome = await recordAgreementSource(prisma, moa);
    log(`  ${moa.agencyName} (${moa.model}, ${moa.signedOn}): ${outcome.created ? 'new agreement' : 'source added'}`);
  }
}
