/** The operator page for agreements known from MOAs and other public sources. */
import type { Db } from '~/db/prisma.server';
import { isoDate } from './format.server';

export const STATE = 'NC';

export async function recordingChoices(db: Db) {
  const counties = await db.jurisdiction.findMany({ where: { stateCode: STATE, kind: 'COUNTY' }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
  const recorded = await db.agreementSource.findMany({
    where: { kind: { in: ['MOA', 'OTHER'] }, agreement: { agency: { stateCode: STATE } } },
    select: {
      id: true,
      kind: true,
      title: true,
      signedOn: true,
      recordedAt: true,
      agreement: { select: { model: true, onIceList: true, agency: { select: { name: true, slug: true } } } },
    },
    orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }],
    take: 100,
  });
  return {
    counties,
    recorded: recorded.map((row) => ({
      id: row.id,
      kind: row.kind,
      title: row.title,
      signedOn: row.signedOn ? isoDate(row.signedOn) : null,
      model: row.agreement.model,
      onIceList: row.agreement.onIceList,
      agency: row.agreement.agency,
    })),
  };
}

export async function countyName(db: Db, countyId: number): Promise<string | null> {
  const county = await db.jurisdiction.findFirst({ where: { id: countyId, stateCode: STATE, kind: 'COUNTY' }, select: { name: true } });
  return county?.name ?? null;
}
