/**
 * A filing's public revision history (/agencies/:slug/reports/:filingId and its download):
 * submitted revisions only, never the draft; null when the filing does not exist, belongs to
 * another agency than the one in the URL, or has no submitted revision yet.
 */
import type { Db } from '~/db/prisma.server';
import { publicSuppressionThreshold } from './suppression.server';
import { dateOnly } from '~/reporting/calendar';
import { publicReport, type AgencyReport } from './agency-report';

export async function agencyReport(db: Db, agencySlug: string, filingId: number, threshold = publicSuppressionThreshold()): Promise<AgencyReport | null> {
  const filing = await db.filing.findUnique({
    where: { id: filingId },
    select: {
      id: true,
      periodKey: true,
      periodStart: true,
      periodEnd: true,
      dueAt: true,
      countedRevision: { select: { number: true } },
      agency: { select: { slug: true, name: true } },
      requirement: { select: { id: true, title: true, policy: { select: { title: true, statute: true, jurisdiction: { select: { name: true } } } } } },
      version: { select: { metricKeys: true } },
      revisions: {
        select: { number: true, values: true, nothingToReport: true, amendmentReason: true, certifiedName: true, certifiedTitle: true, certifiedAt: true },
        orderBy: { number: 'asc' },
      },
      reviews: { select: { revisionNumber: true, decision: true, at: true } },
    },
  });
  if (!filing || filing.agency.slug !== agencySlug || filing.revisions.length === 0) return null;
  const report = publicReport({
    revisions: filing.revisions.map((revision) => ({ ...revision, values: revision.values as Record<string, string> })),
    requiredKeys: filing.version.metricKeys,
    reviews: filing.reviews,
    countedRevision: filing.countedRevision?.number ?? null,
    threshold,
  });
  return {
    agency: filing.agency,
    filingId: filing.id,
    period: { key: filing.periodKey, start: dateOnly(filing.periodStart), end: dateOnly(filing.periodEnd) },
    dueAt: filing.dueAt.toISOString(),
    requirement: {
      id: filing.requirement.id,
      title: filing.requirement.title,
      policyTitle: filing.requirement.policy.title,
      statute: filing.requirement.policy.statute,
      adoptedBy: filing.requirement.policy.jurisdiction.name,
    },
    ...report,
  };
}
