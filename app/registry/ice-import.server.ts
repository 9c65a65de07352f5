/**
 * Imports one of ICE's published 287(g) lists into the registry: parse, diff against what the
 * registry holds, and (unless it is a dry run) write the changes, their history and the import
 * record in one transaction. Agreements are never deleted: a list that drops one ends it.
 */
import crypto from 'node:crypto';
import type { PrismaClient } from '~/db/prisma.server';
import { diffRegistry, type RegistryAgreement, type RegistryChange, type RegistryDiff } from './ice-diff';
import { agencyKey, agencySlug, agreementSlug, dateFromListFileName, parseIceList, type ListKind, type ListWarning } from './ice-list';
import { createJurisdictionResolver } from './jurisdiction-resolver.server';
import { activeByState } from './registry-summary';

export interface ImportRequest {
  bytes: Uint8Array;
  fileName: string;
  /** The list's date, YYYY-MM-DD; otherwise taken from the file name or the workbook. */
  asOf?: string;
  dryRun?: boolean;
  /** Who imports: "cli:root", "seed", later a user's id. */
  importedBy: string;
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

/** A list that is readable but must not be applied (no date, older than the registry). */
export class ImportRefusedError extends Error {}

const IMPORT_LOCK = 287_001; // pg advisory lock id: one import at a time

export async function importIceList(prisma: PrismaClient, request: ImportRequest): Promise<ImportResult> {
  const list = await parseIceList(request.bytes, request.fileName);
  const asOf = listDate(request, list.documentDate);
  const warnings = [...list.warnings];
  const listKind = list.kind === 'participating' ? 'PARTICIPATING' : 'PENDING';

  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(${IMPORT_LOCK})`;
      const latest = await tx.iceImport.findFirst({ where: { listKind }, orderBy: { asOf: 'desc' } });
      if (latest && isoDate(latest.asOf) > asOf) {
        throw new ImportRefusedError(
          `This ${list.kind} list is dated ${asOf}, older than the ${list.kind} list of ${isoDate(latest.asOf)} ` +
            `already imported. Import lists in date order (or pass the right date with --as-of).`,
        );
      }
      const current = await loadRegistry(tx);
      const diff = diffRegistry(current, list, asOf);
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
      await tx.iceImport.update({ where: { id: record.id }, data: { warnings: warnings as unknown as object[] } });
      return { ...result, importId: record.id };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

function listDate(request: ImportRequest, documentDate: string | null): string {
  const asOf = request.asOf ?? dateFromListFileName(request.fileName) ?? documentDate;
  if (!asOf) {
    throw new ImportRefusedError(
      `Cannot tell the date of ${request.fileName}: give it with --as-of YYYY-MM-DD (the date ICE published the list).`,
    );
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || isoDate(new Date(asOf)) !== asOf) {
    throw new ImportRefusedError(`"${asOf}" is not a date: use the form YYYY-MM-DD, e.g. 2025-07-18.`);
  }
  return asOf;
}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

async function loadRegistry(tx: Tx): Promise<RegistryAgreement[]> {
  const rows = await tx.agreement.findMany({
    select: { id: true, matchKey: true, model: true, status: true, signedOn: true, moaLink: true, agency: { select: { matchKey: true, stateCode: true } } },
  });
  return rows.map((row) => ({
    id: String(row.id),
    key: row.matchKey,
    agencyKey: row.agency.matchKey,
    stateCode: row.agency.stateCode,
    model: row.model,
    status: row.status,
    signedOn: row.signedOn ? isoDate(row.signedOn) : null,
    moaLink: row.moaLink,
  }));
}

async function applyDiff(tx: Tx, diff: RegistryDiff, importId: number, warnings: ListWarning[]) {
  const effectiveOn = new Date(diff.asOf);
  const source = `ICE ${diff.listKind} list of ${diff.asOf}`;
  const agencies = new Map(
    (await tx.agency.findMany({ select: { id: true, matchKey: true } })).map((agency) => [agency.matchKey, agency.id]),
  );
  const resolveJurisdiction = await createJurisdictionResolver(tx, warnings);

  for (const change of diff.changes) {
    if (change.kind === 'new') {
      const { row } = change;
      const matchKey = agencyKey(row.stateCode, row.agencyName);
      let agencyId = agencies.get(matchKey);
      if (agencyId === undefined) {
        const agency = await tx.agency.create({
          data: {
            slug: agencySlug(row.stateCode, row.agencyName),
            matchKey,
            name: row.agencyName,
            kind: row.agencyKind,
            stateCode: row.stateCode,
            iceCountyName: row.countyName,
            jurisdictionId: await resolveJurisdiction(row),
          },
        });
        agencyId = agency.id;
        agencies.set(matchKey, agencyId);
      }
      await tx.agreement.create({
        data: {
          publicId: agreementSlug(row.stateCode, row.agencyName, row.model),
          matchKey: `${matchKey}|${row.model}`,
          agencyId,
          model: row.model,
          status: change.status,
          signedOn: row.signedOn ? new Date(row.signedOn) : null,
          moaLink: row.moaLink,
          moaUrl: row.moaUrl,
          hasAddendum: row.hasAddendum,
          firstListedOn: effectiveOn,
          events: { create: { kind: 'LISTED', toStatus: change.status, effectiveOn, importId, source } },
        },
      });
    } else if (change.kind === 'changed') {
      const { row, before, after } = change;
      const details = Object.fromEntries(change.fields.map((field) => [field, [before[field], after[field]]]));
      await tx.agreement.update({
        where: { id: Number(change.agreementId) },
        data: {
          status: after.status,
          model: after.model,
          matchKey: `${agencyKey(row.stateCode, row.agencyName)}|${after.model}`,
          signedOn: after.signedOn ? new Date(after.signedOn) : null,
          moaLink: after.moaLink,
          moaUrl: row.moaUrl,
          hasAddendum: row.hasAddendum,
          endedOn: after.status === 'ENDED' ? effectiveOn : null,
          events: {
            create: { kind: 'CHANGED', fromStatus: before.status, toStatus: after.status, details, effectiveOn, importId, source },
          },
        },
      });
    } else if (change.kind === 'ended') {
      await tx.agreement.update({
        where: { id: Number(change.agreementId) },
        data: {
          status: 'ENDED',
          endedOn: effectiveOn,
          events: {
            create: {
              kind: 'ENDED',
              fromStatus: change.agreement.status,
              toStatus: 'ENDED',
              details: { reason: `no longer in ICE's ${diff.listKind} list` },
              effectiveOn,
              importId,
              source,
            },
          },
        },
      });
    }
  }
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
