import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { parseIceList, type IceRow, type ListKind } from './ice-list';
import { agencyKey, agreementKey } from './names';
import { diffRegistry, type RegistryAgreement, type RegistryDiff } from './ice-diff';

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */
/* ---------------------------------------------------------------------- */

async function loadList(name: string) {
  const bytes = new Uint8Array(readFileSync(new URL(`../../seeds/data/ice-287g/${name}`, import.meta.url)));
  return parseIceList(bytes, name);
}

let nextId = 1;

/** Simulates what the registry does with a diff: create, update, end (never delete). */
function applyDiff(registry: RegistryAgreement[], diff: RegistryDiff): RegistryAgreement[] {
  const byId = new Map(registry.map((a) => [a.id, { ...a }]));
  for (const change of diff.changes) {
    if (change.kind === 'new') {
      const id = `a${nextId++}`;
      byId.set(id, {
        id,
        key: agreementKey(change.row),
        agencyKey: agencyKey(change.row.stateCode, change.row.agencyName),
        stateCode: change.row.stateCode,
        model: change.row.model,
        status: change.status,
        signedOn: change.row.signedOn,
        moaLink: change.row.moaLink,
        onIceList: 'yes',
      });
    } else if (change.kind === 'changed') {
      const agreement = byId.get(change.agreementId)!;
      Object.assign(agreement, change.after, { key: agreementKey({ ...change.row, model: change.after.model }) });
    } else if (change.kind === 'ended') {
      byId.get(change.agreementId)!.status = 'ENDED';
    }
  }
  return [...byId.values()];
}

function row(agencyName: string, model: IceRow['model'], extra: Partial<IceRow> = {}): IceRow {
  return {
    rowNumber: 2,
    stateCode: 'NC',
    stateName: 'North Carolina',
    agencyName,
    agencyKind: 'SHERIFF',
    iceType: 'COUNTY',
    countyName: null,
    model,
    signedOn: '2020-01-01',
    moaLink: 'LINKED',
    moaUrl: null,
    hasAddendum: false,
    ...extra,
  };
}

function agreement(id: string, r: IceRow, status: RegistryAgreement['status']): RegistryAgreement {
  return {
    id,
    key: agreementKey(r),
    agencyKey: agencyKey(r.stateCode, r.agencyName),
    stateCode: r.stateCode,
    model: r.model,
    status,
    signedOn: r.signedOn,
    moaLink: r.moaLink,
    onIceList: 'yes',
  };
}

const list = (kind: ListKind, rows: IceRow[]) => ({ kind, rows });

function expectCountsMatch(diff: RegistryDiff) {
  const tally = { new: 0, changed: 0, ended: 0, unchanged: 0 };
  for (const change of diff.changes) tally[change.kind]++;
  expect(diff.counts).toEqual(tally);
}

const nameOf = (change: RegistryDiff['changes'][number]) =>
  change.kind === 'ended' ? change.agreement.agencyKey : change.row.agencyName;

/* ---------------------------------------------------------------------- */
/* Real snapshots                                                          */
/* ---------------------------------------------------------------------- */

describe('diffRegistry on the real ICE snapshots', () => {
  it('from 2025-05-16 to 2025-07-18, North Carolina gains exactly Carteret and Catawba (WSO) and loses none', async () => {
    const may = await loadList('participating-2025-05-16.xlsx');
    const july = await loadList('participating-2025-07-18.xlsx');

    const first = diffRegistry([], may, '2025-05-16');
    expect(first.counts).toEqual({ new: 571, changed: 0, ended: 0, unchanged: 0 });
    const registry = applyDiff([], first);

    const diff = diffRegistry(registry, july, '2025-07-18');
    expectCountsMatch(diff);
    const nc = diff.changes.filter((c) => (c.kind === 'ended' ? c.agreement.stateCode : c.row.stateCode) === 'NC');
    const ncNew = nc.filter((c) => c.kind === 'new');
    expect(ncNew.map((c) => [c.kind === 'new' && c.row.agencyName, c.kind === 'new' && c.row.model])).toEqual([
      ["Carteret County Sheriff's Office", 'WSO'],
      ["Catawba County Sheriff's Office", 'WSO'],
    ]);
    expect(ncNew.every((c) => c.kind === 'new' && c.status === 'ACTIVE')).toBe(true);
    expect(nc.filter((c) => c.kind === 'ended')).toHaveLength(0);
    // Union County's MOA went from "link pending" to a link; the other 19 are unchanged.
    expect(nc.filter((c) => c.kind === 'changed')).toMatchObject([
      { row: { agencyName: "Union County Sheriff's Office" }, fields: ['moaLink'], before: { moaLink: 'PENDING' } },
    ]);
    expect(nc.filter((c) => c.kind === 'unchanged')).toHaveLength(19);
  });

  it('is idempotent: applying a diff and diffing the same list again changes nothing', async () => {
    const may = await loadList('participating-2025-05-16.xlsx');
    const july = await loadList('participating-2025-07-18.xlsx');
    const pendingJuly = await loadList('pending-2025-07-18.xlsx');

    let registry = applyDiff([], diffRegistry([], may, '2025-05-16'));
    registry = applyDiff(registry, diffRegistry(registry, july, '2025-07-18'));
    const again = diffRegistry(registry, july, '2025-07-18');
    expect(again.counts).toEqual({ new: 0, changed: 0, ended: 0, unchanged: 832 });

    registry = applyDiff(registry, diffRegistry(registry, pendingJuly, '2025-07-18'));
    const pendingAgain = diffRegistry(registry, pendingJuly, '2025-07-18');
    expect(pendingAgain.counts).toMatchObject({ new: 0, changed: 0, ended: 0 });
  });

  it('moves Carteret from pending (2025-05-15) to active (2025-07-18)', async () => {
    const pendingMay = await loadList('pending-2025-05-15.xlsx');
    const may = await loadList('participating-2025-05-16.xlsx');
    const july = await loadList('participating-2025-07-18.xlsx');

    let registry = applyDiff([], diffRegistry([], pendingMay, '2025-05-15'));
    // Carteret is not on the May participating list: a participating list leaves PENDING alone.
    const mayDiff = diffRegistry(registry, may, '2025-05-16');
    expect(mayDiff.changes.some((c) => c.kind !== 'new' && nameOf(c).startsWith('nc|carteret'))).toBe(false);
    registry = applyDiff(registry, mayDiff);

    const diff = diffRegistry(registry, july, '2025-07-18');
    const carteret = diff.changes.find((c) => c.kind !== 'ended' && c.row.agencyName === "Carteret County Sheriff's Office");
    expect(carteret).toMatchObject({
      kind: 'changed',
      fields: ['status', 'signedOn', 'moaLink'],
      before: { status: 'PENDING', model: 'WSO', signedOn: null, moaLink: 'NONE' },
      after: { status: 'ACTIVE', model: 'WSO', signedOn: '2025-05-13', moaLink: 'LINKED' },
    });
  });
});

/* ---------------------------------------------------------------------- */
/* Rules, on small hand-made registries                                    */
/* ---------------------------------------------------------------------- */

describe('diffRegistry rules', () => {
  const gastonJem = row("Gaston County Sheriff's Office", 'JEM');
  const nashWso = row("Nash County Sheriff's Office", 'WSO');

  it('turns a pending agreement active when it appears on the participating list', () => {
    const current = [agreement('g', { ...gastonJem, signedOn: null, moaLink: 'NONE' }, 'PENDING')];
    const diff = diffRegistry(current, list('participating', [gastonJem]), '2025-07-18');
    expect(diff.changes).toEqual([
      {
        kind: 'changed',
        agreementId: 'g',
        row: gastonJem,
        fields: ['status', 'signedOn', 'moaLink'],
        before: { status: 'PENDING', model: 'JEM', signedOn: null, moaLink: 'NONE', onIceList: 'yes' },
        after: { status: 'ACTIVE', model: 'JEM', signedOn: '2020-01-01', moaLink: 'LINKED', onIceList: 'yes' },
      },
    ]);
  });

  it('lists exactly the fields that changed', () => {
    const current = [agreement('g', { ...gastonJem, moaLink: 'PENDING' }, 'ACTIVE')];
    const diff = diffRegistry(current, list('participating', [gastonJem]), '2025-07-18');
    expect(diff.changes[0]).toMatchObject({ kind: 'changed', fields: ['moaLink'] });
  });

  it('revives an ended agreement that is back on the participating list', () => {
    const current = [agreement('g', gastonJem, 'ENDED')];
    const diff = diffRegistry(current, list('participating', [gastonJem]), '2025-07-18');
    expect(diff.changes[0]).toMatchObject({ kind: 'changed', fields: ['status'], after: { status: 'ACTIVE' } });
  });

  it('pairs a single model switch for one agency as a model change', () => {
    const current = [agreement('g', gastonJem, 'ACTIVE'), agreement('n', nashWso, 'ACTIVE')];
    const gastonTfm = row("Gaston County Sheriff's Office", 'TFM', { signedOn: '2025-07-01' });
    const diff = diffRegistry(current, list('participating', [gastonTfm, nashWso]), '2025-07-18');
    expect(diff.counts).toEqual({ new: 0, changed: 1, ended: 0, unchanged: 1 });
    expect(diff.changes[0]).toMatchObject({
      kind: 'changed',
      agreementId: 'g',
      fields: ['model', 'signedOn'],
      before: { model: 'JEM', signedOn: '2020-01-01' },
      after: { model: 'TFM', status: 'ACTIVE', signedOn: '2025-07-01' },
    });
    const registry = applyDiff(current, diff);
    expect(diffRegistry(registry, list('participating', [gastonTfm, nashWso]), '2025-07-18').counts).toEqual({
      new: 0,
      changed: 0,
      ended: 0,
      unchanged: 2,
    });
  });

  it('does not pair when the switch is ambiguous (two old models, one new)', () => {
    const gastonWso = row("Gaston County Sheriff's Office", 'WSO');
    const current = [agreement('j', gastonJem, 'ACTIVE'), agreement('w', gastonWso, 'ACTIVE')];
    const gastonTfm = row("Gaston County Sheriff's Office", 'TFM');
    const diff = diffRegistry(current, list('participating', [gastonTfm]), '2025-07-18');
    expect(diff.counts).toEqual({ new: 1, changed: 0, ended: 2, unchanged: 0 });
    // Sorted by state, agency, model.
    expect(diff.changes.map((c) => c.kind)).toEqual(['ended', 'new', 'ended']);
  });

  it('ends active agreements missing from the participating list, and leaves pending and ended ones alone', () => {
    const current = [
      agreement('g', gastonJem, 'ACTIVE'),
      agreement('n', nashWso, 'ACTIVE'),
      agreement('p', row('Pending Agency', 'WSO'), 'PENDING'),
      agreement('e', row('Old Agency', 'JEM'), 'ENDED'),
    ];
    const diff = diffRegistry(current, list('participating', [gastonJem]), '2025-07-18');
    expect(diff.counts).toEqual({ new: 0, changed: 0, ended: 1, unchanged: 1 });
    expect(diff.changes[1]).toEqual({ kind: 'ended', agreementId: 'n', agreement: current[1], endedOn: '2025-07-18' });
  });

  it('adds unmatched rows as new, ACTIVE or PENDING by list kind', () => {
    const participating = diffRegistry([], list('participating', [gastonJem]), '2025-07-18');
    expect(participating.changes).toEqual([{ kind: 'new', row: gastonJem, status: 'ACTIVE' }]);
    const pendingRow = row('Pending Agency', 'WSO', { signedOn: null, moaLink: 'NONE' });
    const pending = diffRegistry([], list('pending', [pendingRow]), '2025-07-18');
    expect(pending.changes).toEqual([{ kind: 'new', row: pendingRow, status: 'PENDING' }]);
  });

  it('never downgrades an active agreement from a pending list, and leaves active ones alone', () => {
    const current = [agreement('g', gastonJem, 'ACTIVE'), agreement('n', nashWso, 'ACTIVE')];
    const pendingGaston = row("Gaston County Sheriff's Office", 'JEM', { signedOn: null, moaLink: 'NONE' });
    const diff = diffRegistry(current, list('pending', [pendingGaston]), '2025-07-18');
    expect(diff.changes).toEqual([{ kind: 'unchanged', agreementId: 'g', row: pendingGaston }]);
  });

  it('treats a pending list: same pending → unchanged, ended → pending again, missing pending → ended', () => {
    const stillPending = row('Still Pending', 'WSO', { signedOn: null, moaLink: 'NONE' });
    const reapplied = row('Reapplied', 'TFM', { signedOn: null, moaLink: 'NONE' });
    const current = [
      agreement('s', stillPending, 'PENDING'),
      agreement('r', { ...reapplied, signedOn: '2019-01-01' }, 'ENDED'),
      agreement('w', row('Withdrawn', 'JEM', { signedOn: null, moaLink: 'NONE' }), 'PENDING'),
    ];
    const diff = diffRegistry(current, list('pending', [stillPending, reapplied]), '2025-07-18');
    expect(diff.counts).toEqual({ new: 0, changed: 1, ended: 1, unchanged: 1 });
    expect(diff.changes.find((c) => c.kind === 'changed')).toMatchObject({
      agreementId: 'r',
      fields: ['status'],
      before: { status: 'ENDED', signedOn: '2019-01-01' },
      after: { status: 'PENDING', signedOn: '2019-01-01' },
    });
    expect(diff.changes.find((c) => c.kind === 'ended')).toMatchObject({ agreementId: 'w', endedOn: '2025-07-18' });
    expect(diff.changes.find((c) => c.kind === 'unchanged')).toMatchObject({ agreementId: 's' });
  });

  it('sorts changes by state, agency and model, with counts matching', () => {
    const rows = [
      row('Zeta Police Department', 'WSO', { stateCode: 'AL', stateName: 'Alabama' }),
      row('Beta Sheriff', 'WSO'),
      row('Alpha Sheriff', 'TFM'),
      row('Alpha Sheriff', 'JEM'),
    ];
    const current = [agreement('x', row('Aardvark Sheriff', 'JEM'), 'ACTIVE')];
    const diff = diffRegistry(current, list('participating', rows), '2025-07-18');
    expect(diff.changes.map((c) => `${c.kind}:${nameOf(c)}`)).toEqual([
      'new:Zeta Police Department',
      'ended:nc|aardvark sheriff',
      'new:Alpha Sheriff',
      'new:Alpha Sheriff',
      'new:Beta Sheriff',
    ]);
    expect(diff.changes.slice(2, 4).map((c) => c.kind !== 'ended' && c.row.model)).toEqual(['JEM', 'TFM']);
    expectCountsMatch(diff);
  });

  it('never ends an agreement known only from an MOA, and marks it listed when a participating list shows it', () => {
    const moaOnly = { ...agreement('m', row('Beulaville Police Department', 'TFM', { signedOn: '2025-10-17' }), 'ACTIVE'), onIceList: 'no' as const };
    const without = diffRegistry([moaOnly], list('participating', [row('Other Sheriff', 'JEM')]), '2025-12-01');
    expect(without.changes.filter((c) => c.kind === 'ended')).toEqual([]);
    expect(without.counts).toMatchObject({ ended: 0, new: 1 });

    const pending = diffRegistry([moaOnly], list('pending', [row('Beulaville Police Department', 'TFM', { signedOn: null })]), '2025-12-01');
    expect(pending.changes.find((c) => c.kind !== 'new')).toMatchObject({ kind: 'unchanged', agreementId: 'm' });

    const listed = diffRegistry([moaOnly], list('participating', [row('Beulaville Police Department', 'TFM', { signedOn: '2025-10-17' })]), '2026-01-07');
    expect(listed.changes).toHaveLength(1);
    expect(listed.changes[0]).toMatchObject({ kind: 'changed', agreementId: 'm', fields: ['onIceList'], after: { onIceList: 'yes', status: 'ACTIVE' } });
  });
});
