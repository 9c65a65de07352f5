/**
 * Compare a parsed ICE list with the registry's current agreements and say
 * what would change. Pure: nothing is written here; the caller applies the
 * changes (and never deletes: agreements that leave a list become ENDED).
 */
import { agencyKey, agreementKey } from './names';
import type { AgreementModel, IceRow, ListKind, MoaLinkState } from './ice-list';

export type AgreementStatus = 'PENDING' | 'ACTIVE' | 'ENDED';

export interface RegistryAgreement {
  id: string;
  /** agreementKey(state, agency, model) */
  key: string;
  agencyKey: string;
  /** For reports only; matching uses the keys. */
  agencyName?: string;
  stateCode: string;
  model: AgreementModel;
  status: AgreementStatus;
  signedOn: string | null;
  moaLink: MoaLinkState;
  /**
   * 'no' while the agreement is known only from an MOA or another public source. ICE's lists
   * never end such an agreement (they have not listed it yet); a participating list that shows
   * it makes it 'yes'. (A string, like the other facts, so previews show it the same way.)
   */
  onIceList: 'yes' | 'no';
}

export type ChangedField = 'status' | 'model' | 'signedOn' | 'moaLink' | 'onIceList';

type AgreementFacts = Pick<RegistryAgreement, 'status' | 'model' | 'signedOn' | 'moaLink' | 'onIceList'>;

export type RegistryChange =
  | { kind: 'new'; row: IceRow; status: AgreementStatus }
  | {
      kind: 'changed';
      agreementId: string;
      row: IceRow;
      fields: ChangedField[];
      before: AgreementFacts;
      after: AgreementFacts;
    }
  | { kind: 'ended'; agreementId: string; agreement: RegistryAgreement; endedOn: string }
  | { kind: 'unchanged'; agreementId: string; row: IceRow };

export interface RegistryDiff {
  listKind: ListKind;
  asOf: string;
  changes: RegistryChange[];
  counts: { new: number; changed: number; ended: number; unchanged: number };
}

/** The status an agreement gets from appearing in / disappearing from each kind of list. */
const LISTED_STATUS: Record<ListKind, AgreementStatus> = { participating: 'ACTIVE', pending: 'PENDING' };

const FIELD_ORDER: ChangedField[] = ['onIceList', 'status', 'model', 'signedOn', 'moaLink'];

export function diffRegistry(
  current: RegistryAgreement[],
  list: { kind: ListKind; rows: IceRow[] },
  asOf: string,
): RegistryDiff {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`asOf must be YYYY-MM-DD, got ${JSON.stringify(asOf)}`);

  const byKey = indexByKey(current);
  const matchedIds = new Set<string>();
  const changes: RegistryChange[] = [];
  const unmatchedRows: IceRow[] = [];
  const seenKeys = new Set<string>();

  // 1. Exact matches on state + agency + model.
  for (const row of list.rows) {
    const key = agreementKey(row);
    if (seenKeys.has(key)) continue; // duplicate row in the list: the first one counts
    seenKeys.add(key);
    const agreement = byKey.get(key);
    if (!agreement) {
      unmatchedRows.push(row);
      continue;
    }
    matchedIds.add(agreement.id);
    changes.push(compare(agreement, row, list.kind));
  }

  // Agreements this list is responsible for: they end when the list no longer shows them.
  const governed = (a: RegistryAgreement) => a.status === LISTED_STATUS[list.kind] && a.onIceList === 'yes';

  // 2. Same agency, different model: one leftover row + one leftover agreement = a model change
  //    (rather than a new agreement plus an ended one).
  const leftovers = current.filter((a) => governed(a) && !matchedIds.has(a.id));
  const pairedRows = new Set<IceRow>();
  for (const [row, agreement] of pairModelChanges(unmatchedRows, leftovers)) {
    matchedIds.add(agreement.id);
    pairedRows.add(row);
    changes.push(compare(agreement, row, list.kind));
  }

  // 3. Rows still unmatched are new agreements.
  for (const row of unmatchedRows) {
    if (!pairedRows.has(row)) changes.push({ kind: 'new', row, status: LISTED_STATUS[list.kind] });
  }

  // 4. Governed agreements the list no longer shows have ended.
  for (const agreement of current) {
    if (governed(agreement) && !matchedIds.has(agreement.id)) {
      changes.push({ kind: 'ended', agreementId: agreement.id, agreement, endedOn: asOf });
    }
  }

  changes.sort(compareChanges);
  return { listKind: list.kind, asOf, changes, counts: countKinds(changes) };
}

/** Index agreements by key; if the registry somehow has two, prefer the live one. */
function indexByKey(current: RegistryAgreement[]): Map<string, RegistryAgreement> {
  const byKey = new Map<string, RegistryAgreement>();
  for (const agreement of current) {
    const existing = byKey.get(agreement.key);
    if (!existing || (existing.status === 'ENDED' && agreement.status !== 'ENDED')) {
      byKey.set(agreement.key, agreement);
    }
  }
  return byKey;
}

/** What the registry should say about `agreement` once this list row is applied. */
function target(agreement: RegistryAgreement, row: IceRow, kind: ListKind): AgreementFacts {
  // A pending list never downgrades an active agreement.
  if (kind === 'pending' && agreement.status === 'ACTIVE') return facts(agreement);
  return {
    status: LISTED_STATUS[kind],
    model: row.model,
    // A missing date (pending lists, or a blank SIGNED cell) never erases a known one.
    signedOn: row.signedOn ?? agreement.signedOn,
    moaLink: row.moaLink,
    onIceList: kind === 'participating' ? 'yes' : agreement.onIceList,
  };
}

function compare(agreement: RegistryAgreement, row: IceRow, kind: ListKind): RegistryChange {
  const before = facts(agreement);
  const after = target(agreement, row, kind);
  const fields = FIELD_ORDER.filter((field) => before[field] !== after[field]);
  if (fields.length === 0) return { kind: 'unchanged', agreementId: agreement.id, row };
  return { kind: 'changed', agreementId: agreement.id, row, fields, before, after };
}

function facts(a: RegistryAgreement): AgreementFacts {
  return { status: a.status, model: a.model, signedOn: a.signedOn, moaLink: a.moaLink, onIceList: a.onIceList };
}

/**
 * Pair leftovers per agency only when it is unambiguous: exactly one unmatched
 * row and exactly one unmatched agreement of that agency.
 */
function pairModelChanges(
  rows: IceRow[],
  agreements: RegistryAgreement[],
): Array<[IceRow, RegistryAgreement]> {
  const rowsByAgency = groupBy(rows, (row) => agencyKey(row.stateCode, row.agencyName));
  const agreementsByAgency = groupBy(agreements, (a) => a.agencyKey);
  const pairs: Array<[IceRow, RegistryAgreement]> = [];
  for (const [agency, agencyRows] of rowsByAgency) {
    const agencyAgreements = agreementsByAgency.get(agency) ?? [];
    if (
      agencyRows.length === 1 &&
      agencyAgreements.length === 1 &&
      agencyRows[0].model !== agencyAgreements[0].model
    ) {
      pairs.push([agencyRows[0], agencyAgreements[0]]);
    }
  }
  return pairs;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Sort fields: state, normalized agency name, model; then kind and id to break ties. */
function sortKey(change: RegistryChange): [string, string, string, string, string] {
  if (change.kind === 'ended') {
    const a = change.agreement;
    return [a.stateCode, a.agencyKey, a.model, change.kind, a.id];
  }
  const { row } = change;
  const id = change.kind === 'new' ? '' : change.agreementId;
  return [row.stateCode, agencyKey(row.stateCode, row.agencyName), row.model, change.kind, id];
}

function compareChanges(a: RegistryChange, b: RegistryChange): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  }
  return 0;
}

function countKinds(changes: RegistryChange[]): RegistryDiff['counts'] {
  const counts = { new: 0, changed: 0, ended: 0, unchanged: 0 };
  for (const change of changes) counts[change.kind]++;
  return counts;
}
