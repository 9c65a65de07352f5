/**
 * What /review/compliance/summary and its PDF read: one place's compliance grid (built as the
 * compliance view builds it, from the public compliance records) narrowed to one period, with
 * the reporting policies in force. For the place's reviewers and operators; 403 for anyone else
 * before anything about the place or period is told.
 */
import { forbidden } from '~/auth/access.server';
import { canSeeComplianceOf, type Actor } from '~/auth/permissions';
import { complianceRecords, reviewsByFiling } from '~/dashboards/agency-dashboard.server';
import type { Db } from '~/db/prisma.server';
import type { MessageKey } from '~/i18n/i18n';
import { dateOnly, newYorkDate } from './calendar';
import { isPeriodKeyShape, meetingSummary, type MeetingSummary } from './meeting-summary';
import { complianceGrid } from './review-compliance';

export interface MeetingSummaryPage extends MeetingSummary {
  place: { id: number; name: string };
  policies: { title: string; statute: string; adoptedOn: string }[];
  /** The day it was made, in New York. */
  generatedOn: string;
}

export type MeetingSummaryResult = { ok: true; summary: MeetingSummaryPage } | { ok: false; status: 400 | 404; message: MessageKey };

/** The summary of `place` (a jurisdiction id, as typed in the URL) for the period `period`. */
export async function loadMeetingSummary(db: Db, actor: Actor, place: string | null, period: string | null, now: Date = new Date()): Promise<MeetingSummaryResult> {
  const placeId = /^[1-9]\d{0,9}$/.test(place ?? '') ? Number(place) : NaN;
  if (!Number.isSafeInteger(placeId) || placeId > 2_147_483_647) return { ok: false, status: 400, message: 'meetingSummary.badPlace' };
  if (!canSeeComplianceOf(actor, placeId)) forbidden();
  if (period === null || !isPeriodKeyShape(period)) return { ok: false, status: 400, message: 'meetingSummary.badPeriod' };
  const jurisdiction = await db.jurisdiction.findUnique({
    where: { id: placeId },
    select: { id: true, name: true, agencies: { orderBy: { name: 'asc' }, select: { id: true, name: true, slug: true } } },
  });
  if (!jurisdiction) return { ok: false, status: 404, message: 'meetingSummary.unknownPlace' };
  const agencyIds = jurisdiction.agencies.map((agency) => agency.id);
  const records = await complianceRecords(db, agencyIds, now, await reviewsByFiling(db, agencyIds));
  const grid = complianceGrid(jurisdiction.agencies.map((agency) => ({ ...agency, record: records.get(agency.id) ?? [] })));
  const summary = meetingSummary(grid, period);
  if (!summary) return { ok: false, status: 404, message: 'meetingSummary.unknownPeriod' };
  const policies = await db.policy.findMany({
    where: { requirements: { some: { agencyId: { in: agencyIds } } }, adoptedOn: { lte: new Date(`${summary.period.end}T00:00:00Z`) } },
    orderBy: [{ adoptedOn: 'asc' }, { id: 'asc' }],
    select: { title: true, statute: true, adoptedOn: true },
  });
  return {
    ok: true,
    summary: {
      ...summary,
      place: { id: jurisdiction.id, name: jurisdiction.name },
      policies: policies.map((policy) => ({ title: policy.title, statute: policy.statute, adoptedOn: dateOnly(policy.adoptedOn) })),
      generatedOn: newYorkDate(now),
    },
  };
}
