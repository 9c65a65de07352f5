/**
 * The operator page that records an agreement from a signed MOA or another public source
 * (/admin/agreements): refusals keep what was typed and write nothing; a recorded agreement shows
 * "not yet on ICE's list" with its source, and an uploaded copy is served publicly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { agencyDetail } from '~/registry/registry-queries.server';
import * as page from '~/routes/admin.agreements';
import * as sourceDocument from '~/routes/sources.$id';
import { prepareDatabase } from '../../scripts/db/prepare';
import { cookieFor, run } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

let db: TestDatabase;
let operator = '';
let duplin = 0;
beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
  operator = await cookieFor(db.prisma, (await db.prisma.user.findUniqueOrThrow({ where: { email: 'admin@example.org' } })).id);
  duplin = (await db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: '37061' } })).id;
}, 180_000);
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

const FIELDS = {
  agencyName: 'Faison Police Department',
  agencyType: 'MUNICIPALITY',
  countyId: '',
  model: 'TFM',
  signedOn: '2026-03-02',
  sourceKind: 'MOA',
  title: 'FaisonPoliceDeptNC_TFM_MOA_03022026.pdf',
  url: '',
  note: 'Town council minutes mention it too.',
};

function submit(fields: Record<string, string>, document?: { name: string; bytes: Buffer; type: string }) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  if (document) body.append('document', new File([new Uint8Array(document.bytes)], document.name, { type: document.type }));
  return run(page.action as never, new Request('http://portal.test/admin/agreements', { method: 'POST', body, headers: { cookie: operator } }));
}

type Reply = { values: Record<string, string>; errors: Record<string, string>; done: { message: string; slug: string } | null };
const counts = async () => [await db.prisma.agency.count(), await db.prisma.agreement.count(), await db.prisma.agreementSource.count(), await db.prisma.sourceDocument.count()];

describe('recording an agreement from an MOA', () => {
  it('refuses a source nobody could check, keeping what was typed and writing nothing', async () => {
    const before = await counts();
    const outcome = await submit(FIELDS);
    expect(outcome.status).toBe(400);
    const reply = outcome.body as Reply;
    expect(reply.errors.url).toMatch(/public address of the source or upload a PDF copy/);
    expect(reply.values).toEqual(FIELDS);
    expect(await counts()).toEqual(before);
  });

  it('names each bad field, never a server error, for hostile input', async () => {
    const before = await counts();
    const outcome = await submit({ ...FIELDS, agencyName: 'Faison\u0000 PD', signedOn: '2026-02-30', url: 'javascript:alert(1)', model: '287g', countyId: '99999999' });
    expect(outcome.status).toBe(400);
    const { errors } = outcome.body as Reply;
    expect(Object.keys(errors).sort()).toEqual(['agencyName', 'model', 'signedOn', 'url']);
    const unknownCounty = await submit({ ...FIELDS, agencyType: 'COUNTY', countyId: '99999999', url: 'https://example.org/moa.pdf' });
    expect((unknownCounty.body as Reply).errors.countyId).toMatch(/county of North Carolina/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a copy that is not a PDF, whatever its name says', async () => {
    const outcome = await submit(FIELDS, { name: 'moa.pdf', bytes: Buffer.from('<html><script>alert(1)</script></html>'), type: 'application/pdf' });
    expect(outcome.status).toBe(400);
    expect((outcome.body as Reply).errors.document).toMatch(/must be a PDF/);
  });

  it('records the agreement with its uploaded copy, not yet on ICE\u2019s list, and serves the copy to anyone', async () => {
    const outcome = await submit(FIELDS, { name: 'FaisonPoliceDeptNC_TFM_MOA_03022026.pdf', bytes: PDF, type: 'application/pdf' });
    expect(outcome.status).toBe(200);
    expect((outcome.body as Reply).done).toMatchObject({ slug: 'nc-faison-police-department' });
    const agency = await agencyDetail(db.prisma, 'nc-faison-police-department');
    expect(agency!.place).toMatchObject({ kind: 'MUNICIPALITY', slug: 'faison' });
    const [agreement] = agency!.agreements;
    expect(agreement).toMatchObject({ model: 'TFM', status: 'ACTIVE', onIceList: false, signedOn: '2026-03-02' });
    expect(agreement.sources).toEqual([
      expect.objectContaining({ kind: 'MOA', title: FIELDS.title, signedOn: '2026-03-02', url: null, documentId: expect.any(Number) }),
    ]);
    const response = await sourceDocument.loader({ request: new Request('http://portal.test/'), params: { id: String(agreement.sources[0].documentId) }, context: {} } as never);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);

    // The same source again changes nothing.
    const again = await submit(FIELDS, { name: 'FaisonPoliceDeptNC_TFM_MOA_03022026.pdf', bytes: PDF, type: 'application/pdf' });
    expect((again.body as Reply).done?.message).toMatch(/already recorded/);
    expect(await db.prisma.agreementSource.count({ where: { agreement: { agency: { slug: 'nc-faison-police-department' } } } })).toBe(1);
  });

  it('adds a source to an agreement ICE already lists, with its own date', async () => {
    const outcome = await submit({ ...FIELDS, agencyName: "Gaston County Sheriff's Office", agencyType: 'COUNTY', countyId: String(duplin), model: 'JEM', signedOn: '2020-06-10', sourceKind: 'OTHER', title: 'Board minutes', url: 'https://example.org/minutes' });
    expect((outcome.body as Reply).done?.message).toMatch(/Added this source/);
    const gaston = await agencyDetail(db.prisma, 'nc-gaston-county-sheriffs-office');
    expect(gaston!.agreements[0]).toMatchObject({ onIceList: true, signedOn: '2020-06-09' });
    expect(gaston!.agreements[0].sources.map((source) => [source.kind, source.signedOn])).toEqual([
      ['ICE_LIST', '2020-06-09'],
      ['OTHER', '2020-06-10'],
    ]);
  });
});
