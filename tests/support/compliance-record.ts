/**
 * Gaston County's reporting record as the compliance tests need it: the sheriff under a
 * quarterly policy with 2025-Q1 on time and accepted, Q2 late (awaiting review), Q3 returned,
 * Q4 never filed (overdue) and 2026-Q1 amended with a reason that names only the cost, though
 * detainers changed too; plus a county agency no policy asks for reports, and the people who
 * look at it (Gaston's head and reviewer, Cabarrus's reviewer, an operator).
 */
import fs from 'node:fs';
import path from 'node:path';
import { importIceList } from '~/registry/ice-import.server';
import { openFiling, saveDraft, submitFiling } from '~/reporting/filings.server';
import { createPolicy } from '~/reporting/policies.server';
import { reviewFiling } from '~/reporting/reviews.server';
import { ICE_LISTS_DIR } from '../../seeds/ice-registry';
import { seedNcJurisdictions } from '../../seeds/nc-jurisdictions';
import { countyPolicy } from './policies';
import { cookieFor } from './requests';
import type { TestDatabase } from './test-database';

const VALUES = { detainers_received: '14', detainers_honored: '9', transfers_to_ice: '8', gross_cost: '12500.50', federal_reimbursement: '2000' };
export const OTHER_AGENCY = 'Gaston County Test Agency Without Policy';
const CERTIFY = { certifiedName: 'Chad Hawkins', certifiedTitle: 'Sheriff', channel: 'WEB' as const };

export async function gastonComplianceRecord(db: TestDatabase) {
  await seedNcJurisdictions(db.prisma);
  const name = 'participating-2025-07-18.xlsx';
  await importIceList(db.prisma, { bytes: fs.readFileSync(path.join(ICE_LISTS_DIR, name)), fileName: name, importedBy: 'test' });
  const gaston = await db.prisma.agency.findUniqueOrThrow({ where: { slug: 'nc-gaston-county-sheriffs-office' } });
  const gastonCounty = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: '37071' } });
  const cabarrusCounty = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: '37025' } });
  // An agency of the county that no policy asks for reports: its row reads "no requirement".
  await db.prisma.agency.create({
    data: { slug: 'nc-gaston-test-agency', matchKey: 'nc|gaston test agency', name: OTHER_AGENCY, kind: 'OTHER', stateCode: 'NC', jurisdictionId: gastonCounty.id },
  });
  const person = (email: string, role: 'HEAD' | 'REVIEWER' | 'OPERATOR', scope: { agencyId?: number; jurisdictionId?: number }) =>
    db.prisma.user.create({ data: { email, name: email.split('@')[0], roles: { create: { role, ...scope } } } });
  const head = await person('head.gaston@example.org', 'HEAD', { agencyId: gaston.id });
  const reviewer = await person('clerk.gaston@example.org', 'REVIEWER', { jurisdictionId: gastonCounty.id });
  const cookies = {
    gastonReviewer: await cookieFor(db.prisma, reviewer.id),
    gastonHead: await cookieFor(db.prisma, head.id),
    cabarrusReviewer: await cookieFor(db.prisma, (await person('clerk.cabarrus@example.org', 'REVIEWER', { jurisdictionId: cabarrusCounty.id })).id),
    operator: await cookieFor(db.prisma, (await person('ops@example.org', 'OPERATOR', {})).id),
  };
  await createPolicy(
    db.prisma,
    countyPolicy(gastonCounty.id, [
      { agencyId: gaston.id, title: 'Quarterly report', effectiveFrom: '2025-01-01', frequency: 'QUARTERLY', dueDaysAfterEnd: 30, acceptsLate: true, metricKeys: Object.keys(VALUES) },
    ]),
  );
  const requirement = await db.prisma.requirement.findFirstOrThrow({ where: { agencyId: gaston.id } });
  const submitted = async (periodKey: string, at: Date) => {
    const filing = await openFiling(db.prisma, { requirementId: requirement.id, periodKey, now: at });
    await saveDraft(db.prisma, { filingId: filing.id, values: VALUES, explanations: {}, nothingToReport: false, userId: head.id, now: at });
    await submitFiling(db.prisma, { filingId: filing.id, userId: head.id, ...CERTIFY, now: at });
    return filing.id;
  };

  const onTime = await submitted('2025-Q1', new Date('2025-04-10T15:00:00Z'));
  await reviewFiling(db.prisma, { filingId: onTime, revisionNumber: 1, decision: 'ACCEPTED', reviewerId: reviewer.id, now: new Date('2025-05-01T15:00:00Z') });
  const late = await submitted('2025-Q2', new Date('2025-08-20T15:00:00Z'));
  const returned = await submitted('2025-Q3', new Date('2025-10-20T15:00:00Z'));
  await reviewFiling(db.prisma, { filingId: returned, revisionNumber: 1, decision: 'RETURNED', note: 'Transfers do not match the jail log.', reviewerId: reviewer.id });
  const amended = await submitted('2026-Q1', new Date('2026-04-10T15:00:00Z'));
  await saveDraft(db.prisma, { filingId: amended, values: { ...VALUES, detainers_received: '20', gross_cost: '13100.00' }, explanations: {}, nothingToReport: false, userId: head.id });
  await submitFiling(db.prisma, { filingId: amended, userId: head.id, ...CERTIFY, amendmentReason: 'Fixed a typing error in the gross cost.', now: new Date('2026-05-02T15:00:00Z') });

  const ids = { gaston: gaston.id, head: head.id, reviewer: reviewer.id, place: gastonCounty.id, otherPlace: cabarrusCounty.id, onTime, late, returned, amended };
  return { ids, cookies };
}
