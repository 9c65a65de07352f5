/**
 * Imports one of ICE's published 287(g) lists into the registry: parse, diff against what the
 * registry holds, and (unless it is a dry run) write the changes, their history and the import
 * record in one transaction. Agreements are never deleted: a list that drops one ends it.
 */
import { dateOnly } from '~/reporting/calendar';
import crypto from 'node:crypto';
import type { PrismaClient } from '~/db/prisma.server';
import type { Prisma } from '~/generated/prisma/client';
import { diffRegistry, type RegistryAgreement, type RegistryChange, type RegistryDiff } from './ice-diff';
import { dateFromListFileName, type IceRow, type ListKind, type ListWarning } from './ice-list';
import { readIceList } from './ice-list-reader.server';
import { ListRefusal } from './ice-list-messages';
import { agencyKey, agencySlug, agreementKey, agreementSlug } from './names';
import { createJurisdictionResolver } from './jurisdiction-resolver.server';
import { activeByState } from './registry-summary';
import { flagAgreementsWithoutApproval } from '~/preapproval/flags.server';

export interface ImportRequest {
  bytes: Uint8Array;
  fileName: string;
  /** The list's date, YYYY-MM-DD; otherwise taken from the file name or the workbook. */
  asOf?: string;
  dryRun?: boolean;
  /** Who imports: "cli:root", "seed", later a user's id. */
  importedBy: string;
  /** Allow a list that would end more than half of the registry's agreements of its kind. */
  allowMassEnd?: boolean;
  /**
   * Refuse a list that changes nothing rather than record an import of it (the web upload: an
   * operator confirming a list the registry already matches). Checked in the import's transaction.
   */
  refuseUnchanged?: boolean;
}

export interface ImportResult {
  importId: number | null;
  dryRun: boolean;
  fileName: string;
  listKind: ListKind;
  asOf: string;
  rowsRead: number;
  counts: RegistryDiff['counts'];
  activeByState: Record<string, number>;
  warnings: ListWarning[];
  changes: RegistryChange[];
}

/** A list that is readable but must not be applied (no date, older than the registry): `key`/`params` for pages, `.message` in English. */
export class ImportRefusedError extends ListRefusal {}

/** pg advisory lock id: one import at a time (recording an agreement from an MOA takes it too). */
export const IMPORT_LOCK = 287_001;

export async function importIceList(prisma: PrismaClient, request: ImportRequest): Promise<ImportResult> {
  // In a worker with its own memory and time limits: the file comes from outside.
  const list = await readIceList(request.bytes, request.fileName);
  const asOf = listDate(request, list.documentDate);
  const warnings: ListWarning[] = [...list.warnings];
  const listKind = list.kind === 'participating' ? 'PARTICIPATING' : 'PENDING';

  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(${IMPORT_LOCK})`;
      const latest = await tx.iceImport.findFirst({ where: { listKind }, orderBy: { asOf: 'desc' } });
      if (latest && dateOnly(latest.asOf) > asOf) {
        throw new ImportRefusedError({ key: `iceImport.olderList.${list.kind}`, params: { date: asOf, latest: dateOnly(latest.asOf) } });
      }
      const current = await loadRegistry(tx);
      const diff = diffRegistry(current, list, asOf);
      refuseMassEnd(current, diff, Boolean(request.allowMassEnd));
      if (request.refuseUnchanged && diff.counts.new + diff.counts.changed + diff.counts.ended === 0) {
        throw new ImportRefusedError({ key: 'iceImport.nothingToImport' });
      }
      const result = {
        importId: null as number | null,
        dryRun: Boolean(request.dryRun),
        fileName: request.fileName,
        listKind: list.kind,
        asOf,
        rowsRead: list.rows.length,
        counts: diff.counts,
        activeByState: activeByState(current, diff),
        warnings,
        changes: diff.changes,
      };
      if (request.dryRun) return result;

      const record = await tx.iceImport.create({
        data: {
          listKind,
          fileName: request.fileName,
          fileSha256: crypto.createHash('sha256').update(request.bytes).digest('hex'),
          asOf: new Date(asOf),
          importedBy: request.importedBy,
          rowsRead: list.rows.length,
          newCount: diff.counts.new,
          changedCount: diff.counts.changed,
          endedCount: diff.counts.ended,
          unchangedCount: diff.counts.unchanged,
          warnings: [] as object[],
        },
      });
      await applyDiff(tx, diff, record.id, warnings);
      // Stored as { rowNumber, message }: the warning in English, as the record has always kept it.
      const stored = warnings.map(({ rowNumber, message }) => ({ rowNumber, message }));
      await tx.iceImport.update({ where: { id: record.id }, data: { warnings: stored } });
      return { ...result, importId: record.id };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

function listDate(request: ImportRequest, documentDate: string | null): string {
  const asOf = request.asOf ?? dateFromListFileName(request.fileName) ?? documentDate;
  if (!asOf) {
    throw new ImportRefusedError({ key: 'iceImport.noDate', params: { file: request.fileName } });
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || dateOnly(new Date(asOf)) !== asOf) {
    throw new ImportRefusedError({ key: 'iceImport.notADate', params: { date: asOf } });
  }
  return asOf;
}

/**
 * A list that would end most agreements is far more likely a partial file (one state's rows,
 * a filtered export) than ICE ending half the program: refuse it unless told otherwise.
 */
function refuseMassEnd(current: RegistryAgreement[], diff: RegistryDiff, allowed: boolean) {
  const governed = diff.listKind === 'participating' ? 'ACTIVE' : 'PENDING';
  const listed = current.filter((agreement) => agreement.status === governed).length;
  if (allowed || diff.counts.ended <= Math.max(10, listed / 2)) return;
  throw new ImportRefusedError({ key: `iceImport.massEnd.${diff.listKind}`, params: { ended: diff.counts.ended, listed } });
}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

async function loadRegistry(tx: Tx): Promise<RegistryAgreement[]> {
  const rows = await tx.agreement.findMany({
    select: {
      id: true,
      matchKey: true,
      model: true,
      status: true,
      signedOn: true,
      moaLink: true,
      onIceList: true,
      agency: { select: { matchKey: true, stateCode: true, name: true } },
    },
  });
  return rows.map((row) => ({
    id: String(row.id),
    key: row.matchKey,
    agencyKey: row.agency.matchKey,
    agencyName: row.agency.name,
    stateCode: row.agency.stateCode,
    model: row.model,
    status: row.status,
    signedOn: row.signedOn ? dateOnly(row.signedOn) : null,
    moaLink: row.moaLink,
    onIceList: row.onIceList ? 'yes' : 'no',
  }));
}

async function applyDiff(tx: Tx, diff: RegistryDiff, importId: number, warnings: ListWarning[]) {
  const effectiveOn = new Date(diff.asOf);
  const source = `ICE ${diff.listKind} list of ${diff.asOf}`;
  const events: Prisma.AgreementEventCreateManyInput[] = [];
  // The list is a source of every agreement it brings in or first shows.
  const sources: Prisma.AgreementSourceCreateManyInput[] = [];
  const cite = (agreementId: number, signedOn: string | null) =>
    sources.push({ agreementId, kind: 'ICE_LIST', signedOn: signedOn ? new Date(signedOn) : null, title: source, importId, recordedBy: 'import' });
  const event = (agreementId: number, data: Omit<Prisma.AgreementEventCreateManyInput, 'agreementId' | 'effectiveOn' | 'importId' | 'source'>) =>
    events.push({ agreementId, effectiveOn, importId, source, ...data });

  // New agreements, in bulk: a national list adds hundreds at a time.
  const added = diff.changes.filter((change) => change.kind === 'new');
  const agencyIds = await ensureAgencies(tx, added.map((change) => change.row), warnings);
  const created = await tx.agreement.createManyAndReturn({
    data: added.map(({ row, status }) => ({
      publicId: agreementSlug(row.stateCode, row.agencyName, row.model),
      matchKey: agreementKey(row),
      agencyId: agencyIds.get(agencyKey(row.stateCode, row.agencyName))!,
      model: row.model,
      status,
      signedOn: row.signedOn ? new Date(row.signedOn) : null,
      moaLink: row.moaLink,
      moaUrl: row.moaUrl,
      hasAddendum: row.hasAddendum,
      firstListedOn: effectiveOn,
    })),
    select: { id: true, status: true, signedOn: true },
  });
  for (const agreement of created) {
    event(agreement.id, { kind: 'LISTED', toStatus: agreement.status });
    cite(agreement.id, agreement.signedOn ? dateOnly(agreement.signedOn) : null);
  }

  for (const change of diff.changes) {
    if (change.kind === 'changed') {
      const { row, before, after } = change;
      await tx.agreement.update({
        where: { id: Number(change.agreementId) },
        data: {
          status: after.status,
          model: after.model,
          matchKey: agreementKey({ ...row, model: after.model }),
          signedOn: after.signedOn ? new Date(after.signedOn) : null,
          moaLink: after.moaLink,
          moaUrl: row.moaUrl,
          hasAddendum: row.hasAddendum,
          endedOn: after.status === 'ENDED' ? effectiveOn : null,
          onIceList: after.onIceList === 'yes',
        },
      });
      const details = Object.fromEntries(change.fields.map((field) => [field, [before[field], after[field]]]));
      // An agreement known from an MOA that ICE's list now shows: the same agreement, one more source.
      const firstListed = before.onIceList === 'no' && after.onIceList === 'yes';
      event(Number(change.agreementId), { kind: firstListed ? 'LISTED' : 'CHANGED', fromStatus: before.status, toStatus: after.status, details });
      if (firstListed) cite(Number(change.agreementId), after.signedOn);
    } else if (change.kind === 'ended') {
      event(Number(change.agreementId), {
        kind: 'ENDED',
        fromStatus: change.agreement.status,
        toStatus: 'ENDED',
        details: { reason: `no longer in ICE's ${diff.listKind} list` },
      });
    }
  }
  const endedIds = diff.changes.flatMap((change) => (change.kind === 'ended' ? [Number(change.agreementId)] : []));
  await tx.agreement.updateMany({ where: { id: { in: endedIds } }, data: { status: 'ENDED', endedOn: effectiveOn } });
  await tx.agreementEvent.createMany({ data: events });
  await tx.agreementSource.createMany({ data: sources });
  // New agreements, and those a list moves into pending or active, of agencies whose town requires pre-approval.
  const arrived = [
    ...created.map((agreement) => agreement.id),
    ...diff.changes.flatMap((change) => (change.kind === 'changed' && change.before.status !== change.after.status && change.after.status !== 'ENDED' ? [Number(change.agreementId)] : [])),
  ];
  await flagAgreementsWithoutApproval(tx, arrived, source);
}

/** Ids of the agencies of these rows by match key, creating the ones the registry lacks. */
async function ensureAgencies(tx: Tx, rows: IceRow[], warnings: ListWarning[]): Promise<Map<string, number>> {
  const ids = new Map((await tx.agency.findMany({ select: { id: true, matchKey: true } })).map((a) => [a.matchKey, a.id]));
  const missing = new Map<string, IceRow>();
  for (const row of rows) {
    const key = agencyKey(row.stateCode, row.agencyName);
    if (!ids.has(key) && !missing.has(key)) missing.set(key, row);
  }
  if (missing.size === 0) return ids;
  const resolveJurisdiction = await createJurisdictionResolver(tx, warnings);
  const data: Prisma.AgencyCreateManyInput[] = [];
  for (const [matchKey, row] of missing) {
    data.push({
      slug: agencySlug(row.stateCode, row.agencyName),
      matchKey,
      name: row.agencyName,
      kind: row.agencyKind,
      stateCode: row.stateCode,
      iceCountyName: row.countyName,
      jurisdictionId: await resolveJurisdiction(row),
    });
  }
  for (const agency of await tx.agency.createManyAndReturn({ data, select: { id: true, matchKey: true } })) {
    ids.set(agency.matchKey, agency.id);
  }
  return ids;
}
