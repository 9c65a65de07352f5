import type { AgreementStatus, RegistryAgreement, RegistryDiff } from './ice-diff';

/**
 * Active agreements per state once a diff is applied, computed without writing so that a
 * dry run reports the same numbers as the real import.
 */
export function activeByState(current: RegistryAgreement[], diff: RegistryDiff): Record<string, number> {
  const status = new Map<string, { stateCode: string; status: AgreementStatus }>();
  for (const agreement of current) status.set(agreement.id, { stateCode: agreement.stateCode, status: agreement.status });
  diff.changes.forEach((change, index) => {
    if (change.kind === 'new') status.set(`new:${index}`, { stateCode: change.row.stateCode, status: change.status });
    else if (change.kind === 'changed') status.set(change.agreementId, { stateCode: change.row.stateCode, status: change.after.status });
    else if (change.kind === 'ended') status.set(change.agreementId, { stateCode: change.agreement.stateCode, status: 'ENDED' });
  });
  const counts: Record<string, number> = {};
  for (const { stateCode, status: s } of status.values()) {
    if (s === 'ACTIVE') counts[stateCode] = (counts[stateCode] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
