/**
 * What /review/compliance and its CSV read: for each place a person reviews, its agencies ×
 * the periods their requirements expect (the public compliance records, dashboards/
 * compliance.ts, with the review decisions), narrowed by the GET filters, and the choices the
 * filter form offers (agencies, policies, requirements). 403 for anyone who reviews no place.
 */
import { forbidden } from '~/auth/access.server';
import { reviewedJurisdictionIds, type Actor } from '~/auth/permissions';
import { complianceRecords, reviewsByFiling } from '~/dashboards/agency-dashboard.server';
import type { Db } from '~/db/prisma.server';
import { translator, type Locale } from '~/i18n/i18n';
import { csvDownload } from '~/open-data/download.server';
import { countyPath } from '~/paths';
import { complianceCsvRows, complianceGrid, filterGrid, NO_FILTER, REVIEW_COMPLIANCE_COLUMNS, type ComplianceFilter } from './review-compliance';

/** The anchor of the public county page's reporting-record table. */
const PUBLIC_COMPLIANCE_TABLE = '#county-compliance-heading';

export interface FilterChoices {
  agencies: { id: number; name: string }[];
  policies: { id: number; title: string }[];
  requirements: { id: number; title: string; policyId: number; agencyName: string }[];
}

export async function reviewComplianceView(db: Db, actor: Actor, filter: ComplianceFilter = NO_FILTER, now: Date = new Date()) {
  const jurisdictionIds = reviewedJurisdictionIds(actor);
  if (jurisdictionIds.length === 0) forbidden();
  const places = await db.jurisdiction.findMany({
    where: { id: { in: jurisdictionIds } },
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      kind: true,
      slug: true,
      stateCode: true,
      parent: { select: { kind: true, slug: true, stateCode: true } },
      agencies: { orderBy: { name: 'asc' }, select: { id: true, name: true, slug: true } },
    },
  });
  const agencyIds = places.flatMap((place) => place.agencies.map((agency) => agency.id));
  const [records, requirements] = await Promise.all([
    reviewsByFiling(db, agencyIds).then((reviews) => complianceRecords(db, agencyIds, now, reviews)),
    db.requirement.findMany({
      where: { agencyId: { in: agencyIds } },
      orderBy: { id: 'asc' },
      select: { id: true, title: true, agency: { select: { name: true } }, policy: { select: { id: true, title: true } } },
    }),
  ]);
  const policyOfRequirement = new Map(requirements.map((requirement) => [requirement.id, requirement.policy.id]));
  const policyOf = (requirementId: number) => policyOfRequirement.get(requirementId) ?? null;
  const choices: FilterChoices = {
    agencies: places.flatMap((place) => place.agencies.map((agency) => ({ id: agency.id, name: agency.name }))),
    policies: [...new Map(requirements.map((requirement) => [requirement.policy.id, requirement.policy])).values()].sort((a, b) => a.id - b.id),
    requirements: requirements.map((requirement) => ({ id: requirement.id, title: requirement.title, policyId: requirement.policy.id, agencyName: requirement.agency.name })),
  };
  return {
    choices,
    places: places.map((place) => {
      const county = place.kind === 'COUNTY' ? place : place.parent?.kind === 'COUNTY' ? place.parent : null;
      const grid = complianceGrid(place.agencies.map((agency) => ({ ...agency, record: records.get(agency.id) ?? [] })));
      return {
        id: place.id,
        name: place.name,
        publicTable: county ? `${countyPath(county.stateCode, county.slug)}${PUBLIC_COMPLIANCE_TABLE}` : null,
        /** The whole grid (the meeting summary form offers its periods). */
        periods: grid.periods,
        grid: filterGrid(grid, filter, policyOf),
      };
    }),
  };
}

/**
 * GET /review/compliance.csv: the same view with the same filters, one row per agency, period
 * and requirement, with status codes. Written by csvDownload like every CSV (formula-safe
 * cells, BOM, demonstration label), but private: it is the reviewer's, so no shared cache
 * keeps it and no other site reads it.
 */
export async function reviewComplianceCsv(request: Request, db: Db, actor: Actor, filter: ComplianceFilter, locale: Locale, now: Date = new Date()): Promise<Response> {
  const { places } = await reviewComplianceView(db, actor, filter, now);
  const rows = complianceCsvRows(places, new URL(request.url).origin);
  const response = await csvDownload(request, `${translator(locale)('reviewCompliance.fileName')}.csv`, [...REVIEW_COMPLIANCE_COLUMNS], rows);
  const headers = new Headers(response.headers);
  headers.set('Cache-Control', 'private, no-store');
  headers.delete('Access-Control-Allow-Origin');
  headers.delete('ETag');
  return new Response(response.body, { status: response.status, headers });
}
