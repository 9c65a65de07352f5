/**
 * Agreements without approval (issue 14, point 4): when an imported or recorded agreement, new
 * or pending, belongs to an agency whose town requires pre-approval (a MUNICIPAL_PREAPPROVAL
 * policy of the agency's place) and no approved application of that agency covers its model,
 * a flag is recorded. The agency's and town's pages show it, reviewers see it on /review, and
 * it stays in the record (a trigger refuses deletion) until a reviewer resolves it with a note.
 * The agreement itself is not touched: the registry records what ICE and the MOAs say.
 */
import type { Db } from '~/db/prisma.server';
import { inTransaction } from '~/db/transaction.server';
import { appendAuditEntries } from '~/reporting/audit-log.server';
import { ApplicationRefusedError, type Actor } from './applications.server';
import { z } from 'zod';
import { newYorkDate } from '~/reporting/calendar';

/**
 * Flags those of `agreementIds` that need one. Call inside the transaction that created or
 * changed them (the ICE import, a recorded MOA), so a flag is never missed nor half written.
 * An agreement is flagged at most once; ended agreements are not flagged. `source` says where the
 * agreement came from ("ICE participating list of 2026-01-20", "MOA: …").
 */
export async function flagAgreementsWithoutApproval(tx: Db, agreementIds: number[], source: string): Promise<number[]> {
  if (agreementIds.length === 0) return [];
  const candidates = await tx.$queryRaw<{ agreementId: number; agencyId: number; policyId: number; model: string; status: string }[]>`
    select a.id as "agreementId", a.agency_id as "agencyId", a.model::text as model, a.status::text as status,
      (select p.id from policy p where p.jurisdiction_id = g.jurisdiction_id and p.kind = 'MUNICIPAL_PREAPPROVAL'
        order by p.adopted_on desc, p.id desc limit 1) as "policyId"
    from agreement a
    join agency g on g.id = a.agency_id
    where a.id = any(${agreementIds}::int[])
      and a.status in ('ACTIVE', 'PENDING')
      and exists (select 1 from policy p where p.jurisdiction_id = g.jurisdiction_id and p.kind = 'MUNICIPAL_PREAPPROVAL')
      and not exists (select 1 from preapproval_flag f where f.agreement_id = a.id)
      and not exists (select 1 from preapproval_application x where x.agency_id = a.agency_id and x.model = a.model
        and x.stage = 'DECIDED' and x.decision in ('APPROVED', 'APPROVED_WITH_CONDITIONS'))
    order by a.id`;
  if (candidates.length === 0) return [];
  const flags = await tx.preapprovalFlag.createManyAndReturn({
    data: candidates.map((c) => ({ agreementId: c.agreementId, agencyId: c.agencyId, policyId: c.policyId, details: { model: c.model, status: c.status, source } })),
    select: { id: true, agreementId: true, agencyId: true, policyId: true },
  });
  await appendAuditEntries(
    tx,
    flags.map((flag, i) => ({
      kind: 'preapproval_flag',
      actor: null,
      subject: `agreement:${flag.agreementId}`,
      data: { flagId: flag.id, agencyId: flag.agencyId, policyId: flag.policyId, model: candidates[i].model, status: candidates[i].status, source },
    })),
  );
  return flags.map((flag) => flag.id);
}

/** A reviewer resolves a flag with a note: the flag stays, with who resolved it, when and why. */
export async function resolveFlag(db: Db, input: { flagId: number; note: string; actor: Actor; now?: Date }) {
  const note = (input.note ?? '').trim();
  if (note.length < 3) throw new ApplicationRefusedError([{ field: 'note', key: 'preapproval.problem.resolveNoteRequired' }]);
  const now = input.now ?? new Date();
  return inTransaction(db, async (tx) => {
    const locked = await tx.$queryRaw<{ id: number; resolved: boolean; agreementId: number }[]>`
      select id, resolved_at is not null as resolved, agreement_id as "agreementId" from preapproval_flag where id = ${input.flagId} for update`;
    if (locked.length === 0) throw new ApplicationRefusedError([{ field: 'flagId', key: 'preapproval.problem.noSuchFlag' }]);
    if (locked[0].resolved) throw new ApplicationRefusedError([{ field: 'flagId', key: 'preapproval.problem.alreadyResolved' }]);
    const flag = await tx.preapprovalFlag.update({ where: { id: input.flagId }, data: { resolvedAt: now, resolvedById: input.actor.userId, resolutionNote: note } });
    await appendAuditEntries(tx, [{ kind: 'preapproval_flag_resolved', actor: input.actor.label, subject: `agreement:${locked[0].agreementId}`, data: { flagId: flag.id, note } }]);
    return flag;
  });
}

const FLAG_SELECT = {
  id: true,
  raisedAt: true,
  resolvedAt: true,
  resolutionNote: true,
  details: true,
  agreement: { select: { publicId: true, model: true, status: true } },
  agency: { select: { id: true, name: true, slug: true } },
  policy: { select: { id: true, title: true } },
} as const;

/** An agency's flags, open first, for its page (resolved ones stay visible with their note). */
export function agencyFlags(db: Db, agencyId: number) {
  return db.preapprovalFlag.findMany({ where: { agencyId }, select: FLAG_SELECT, orderBy: [{ resolvedAt: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }] });
}

/** The flags of agencies based in a town (or county), for its page. */
export function placeFlags(db: Db, jurisdictionId: number) {
  return db.preapprovalFlag.findMany({ where: { agency: { jurisdictionId } }, select: FLAG_SELECT, orderBy: [{ resolvedAt: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }] });
}

/** Open flags in the places a reviewer reviews, for their /review page. */
export function openFlagsFor(db: Db, jurisdictionIds: number[]) {
  return db.preapprovalFlag.findMany({ where: { resolvedAt: null, agency: { jurisdictionId: { in: jurisdictionIds } } }, select: FLAG_SELECT, orderBy: { id: 'asc' } });
}

/** A flag as public pages and /review show it: plain values only. */
export interface FlagView {
  id: number;
  agencyName: string;
  agencySlug: string;
  model: 'JEM' | 'WSO' | 'TFM';
  status: 'PENDING' | 'ACTIVE' | 'ENDED';
  raisedOn: string;
  resolvedOn: string | null;
  resolutionNote: string | null;
}

function flagView(flag: Awaited<ReturnType<typeof agencyFlags>>[number]): FlagView {
  const details = (flag.details ?? {}) as { status?: FlagView['status'] };
  return {
    id: flag.id,
    agencyName: flag.agency.name,
    agencySlug: flag.agency.slug,
    model: flag.agreement.model,
    // The status when flagged: the flag is about how the agreement arrived.
    status: details.status ?? flag.agreement.status,
    raisedOn: newYorkDate(flag.raisedAt),
    resolvedOn: flag.resolvedAt ? newYorkDate(flag.resolvedAt) : null,
    resolutionNote: flag.resolutionNote,
  };
}

/** The flags of the agency with this slug, for its public page. */
export async function flagsOfAgencySlug(db: Db, slug: string): Promise<FlagView[]> {
  const agency = await db.agency.findUnique({ where: { slug }, select: { id: true } });
  return agency ? (await agencyFlags(db, agency.id)).map(flagView) : [];
}

/** The flags of agencies based in the place (a town, or a county's own agencies), for its public page. */
export async function flagsOfPlace(db: Db, stateCode: string, slug: string): Promise<FlagView[]> {
  const place = await db.jurisdiction.findUnique({ where: { stateCode_slug: { stateCode, slug } }, select: { id: true } });
  return place ? (await placeFlags(db, place.id)).map(flagView) : [];
}

/** Open flags in the reviewer's places, for /review. */
export async function openFlagViews(db: Db, jurisdictionIds: number[]): Promise<FlagView[]> {
  return (await openFlagsFor(db, jurisdictionIds)).map(flagView);
}

/** The flag's agency, for the caller's permission check before resolving it. */
export function flagAgency(db: Db, flagId: number) {
  return db.preapprovalFlag.findUnique({ where: { id: flagId }, select: { agency: { select: { id: true, jurisdictionId: true } } } }).then((flag) => flag?.agency ?? null);
}

/** The reviewer's form resolving a flag: a note of what was found (kept with the flag). */
export const ResolveFlagForm = z.object({ note: z.string().trim().min(3, 'preapproval.problem.resolveNoteRequired').max(5000, 'preapproval.problem.itemTooLong') });
