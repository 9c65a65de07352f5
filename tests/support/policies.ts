/**
 * Reporting policies as tests adopt them: a county's policy with the usual title, statute and
 * oath, and monthly requirements asking for two figures.
 */
import type { PolicyInput } from '~/reporting/policies.server';

export function countyPolicy(jurisdictionId: number, requirements: PolicyInput['requirements']): PolicyInput {
  return {
    jurisdictionId,
    kind: 'COUNTY_REPORTING',
    title: '287(g) reporting',
    statute: 'G.S. 153A-104',
    adoptedOn: '2024-12-02',
    oathText: 'I certify that this report is true and complete to the best of my knowledge.',
    requirements,
  };
}

/** `count` monthly requirements for the agency from August 2025, titled "<title> 1", "<title> 2"… */
export function monthlyRequirements(agencyId: number, count: number, title = 'Monthly report'): PolicyInput['requirements'] {
  return Array.from({ length: count }, (_, i) => ({
    agencyId,
    title: count === 1 ? title : `${title} ${i + 1}`,
    frequency: 'MONTHLY' as const,
    dueDaysAfterEnd: 20,
    acceptsLate: true,
    metricKeys: ['ice_requests', 'transfers_to_ice'],
    effectiveFrom: '2025-08-01',
  }));
}
