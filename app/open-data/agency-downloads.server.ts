/**
 * The agency dashboard's downloads (routes api.v1.agencies.$slug.*): the whole dashboard as
 * JSON, and its figures, breakdowns and compliance record as CSV (agency-downloads.ts), all
 * through download.server.ts (ETag, no-cache, CORS, demonstration data labelled). An unknown
 * agency or report answers a JSON 404; a bad ?lang a JSON 400.
 */
import { reportPath } from '~/paths';
import { agencyDashboard } from '~/dashboards/agency-dashboard.server';
import type { AgencyDashboard } from '~/dashboards/dashboard-types';
import { prisma } from '~/db/prisma.server';
import { csvLanguage } from '~/registry/agreements-export';
import { agencyDownloadPaths, reportedSpan } from './agency-figures';
import { agencyCsvFileName, breakdownsCsv, complianceCsv, figuresCsv, reportCsv, type CsvTable } from './agency-downloads';
import { filingIdParam } from '~/dashboards/agency-report';

import { agencyReport } from '~/dashboards/agency-report.server';
import { csvDownload, documentDownload } from './download.server';
import { apiError } from './http.server';
import { cachedByDataVersion } from '~/dashboards/page-cache.server';
import { noticesOfAgency } from '~/reporting/notices.server';
import { refusalsOfAgency } from '~/reporting/refusals.server';

// The report pages read their id the same way (from here: agency-report.ts imports zod, which
// a page module must not bring to the browser).
export { filingIdParam };

const error = apiError;

const notFound = (what: string) => error(404, `No ${what} with that address.`);

function source(dashboard: AgencyDashboard): string {
  if (dashboard.sources.length === 0) return `${dashboard.agency.name}: no reporting requirement on this portal; agreements from ICE's published lists.`;
  const under = dashboard.sources.map((entry) => `${entry.requirement.title} under ${entry.policy.title} (${entry.policy.statute}) of ${entry.policy.adoptedBy}`).join('; ');
  return `Reports certified by ${dashboard.agency.name}: ${under}. Only the revision that counts for each period (not returned by reviewers) is included.`;
}

/** The agency's dashboard, shared by its downloads until the public data changes (`version`: the request's, as for pages). */
function cachedDashboard(slug: string, version: string | null | undefined) {
  const db = prisma();
  return cachedByDataVersion(db, `agency-dashboard:${slug}`, (reader) => agencyDashboard(reader, slug), version);
}

/** The agency's refusals and notices as the JSON document gives them, shared until the public data changes. */
async function publicFollowThrough(agencyId: number, slug: string, origin: string, version: string | null | undefined) {
  const [refusals, notices] = await cachedByDataVersion(
    prisma(),
    `agency-follow-through:${slug}`,
    (reader) => Promise.all([refusalsOfAgency(reader, agencyId), noticesOfAgency(reader, agencyId)]),
    version,
  );
  return {
    refusals: refusals.map(({ letter, ...refusal }) => ({ ...refusal, letter: letter ? { ...letter, url: `${origin}/agencies/${slug}/refusals/${refusal.id}/file` } : null })),
    notices: notices.map((notice) => ({ ...notice, pdfUrl: `${origin}/agencies/${slug}/notices/${notice.id}.pdf` })),
  };
}

function period(dashboard: AgencyDashboard): string | null {
  const span = reportedSpan(dashboard.periods);
  return span ? `${span.first.key} to ${span.last.key}` : null;
}

export async function agencyJsonResponse(request: Request, slug: string, version?: string | null): Promise<Response> {
  const dashboard = await cachedDashboard(slug, version);
  if (!dashboard) return notFound('agency');
  const origin = new URL(request.url).origin;
  // Refusals to report and notices of non-compliance (issue 15, point 3), with their letters' addresses.
  const followThrough = await publicFollowThrough(dashboard.agency.id, dashboard.agency.slug, origin, version);
  const paths = agencyDownloadPaths(dashboard.agency.slug, 'en');
  // The notes name the keys: the snake_case ones, or the camelCase ones of the legacy document.
  const meta = (notes: string[]) => ({
    source: source(dashboard),
    period: period(dashboard),
    page: `${origin}/agencies/${dashboard.agency.slug}`,
    csv: { figures: `${origin}${paths.figures}`, breakdowns: `${origin}${paths.breakdowns}`, compliance: `${origin}${paths.compliance}` },
    notes,
  });
  return documentDownload(
    request,
    { ...dashboard, ...followThrough },
    meta([
      'Keys are snake_case and figures JSON numbers; columns=legacy gives the camelCase document of before release 0.2, figures as decimal strings (deprecated, removed in the next release).',
      'A figure null means no counted report gave it for the period (not zero).',
      'Breakdown cells with value null and suppressed true are hidden to protect the people counted (small counts, and complementary cells).',
      'A period whose report.amended is true counts a later revision: see its revisions at /agencies/<agency>/reports/<report.filing_id>.',
      'refusals: periods the agency declined to report, as reviewers recorded them (letter.url: its letter); notices: notices of non-compliance the reviewers made (pdf_url: the letter as made).',
    ]),
    meta([
      'Figures are decimal strings; null means no counted report gave the figure for the period (not zero).',
      'Breakdown cells with value null and suppressed true are hidden to protect the people counted (small counts, and complementary cells).',
      'A period whose report.amended is true counts a later revision: see its revisions at /agencies/<agency>/reports/<report.filingId>.',
    ]),
  );
}

type CsvKind = 'figures' | 'breakdowns' | 'compliance';

const TABLES: Record<CsvKind, (dashboard: AgencyDashboard, locale: 'en' | 'es', origin: string) => CsvTable> = {
  figures: figuresCsv,
  breakdowns: (dashboard, locale) => breakdownsCsv(dashboard, locale),
  compliance: complianceCsv,
};

export async function agencyCsvResponse(request: Request, slug: string, kind: CsvKind, version?: string | null): Promise<Response> {
  const language = csvLanguage(new URL(request.url).searchParams);
  if (!language.ok) return error(400, language.message);
  const dashboard = await cachedDashboard(slug, version);
  if (!dashboard) return notFound('agency');
  const { header, rows } = TABLES[kind](dashboard, language.locale, new URL(request.url).origin);
  return csvDownload(request, agencyCsvFileName(kind, dashboard.agency.slug, language.locale), header, rows);
}

export async function reportJsonResponse(request: Request, slug: string, rawId: string | undefined): Promise<Response> {
  const id = filingIdParam(rawId);
  const report = id === null ? null : await agencyReport(prisma(), slug, id);
  if (!report) return notFound('submitted report');
  return documentDownload(request, report, {
    source: `Revisions certified by ${report.agency.name} for ${report.period.key}: ${report.requirement.title} under ${report.requirement.policyTitle} (${report.requirement.statute}) of ${report.requirement.adoptedBy}.`,
    period: report.period.key,
    page: `${new URL(request.url).origin}${reportPath(report.agency.slug, report.filingId)}`,
  });
}

export async function reportCsvResponse(request: Request, slug: string, rawId: string | undefined): Promise<Response> {
  const language = csvLanguage(new URL(request.url).searchParams);
  if (!language.ok) return error(400, language.message);
  const id = filingIdParam(rawId);
  const report = id === null ? null : await agencyReport(prisma(), slug, id);
  if (!report) return notFound('submitted report');
  const { header, rows } = reportCsv(report, language.locale);
  return csvDownload(request, agencyCsvFileName('revisions', report.agency.slug, language.locale, report.period.key), header, rows);
}
