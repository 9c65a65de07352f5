/**
 * The numbers on the operator home page.
 */
import type { Db } from '~/db/prisma.server';
import { isoDate } from './format.server';
import { STATE } from './places.server';

export async function operatorOverview(db: Db) {
  const now = new Date();
  const [accounts, disabled, invitations, counties, towns, agencies, imports, pendingUploads, latest, events] = await Promise.all([
    db.user.count(),
    db.user.count({ where: { disabledAt: { not: null } } }),
    db.invitation.count({ where: { kind: 'INVITE', usedAt: null, expiresAt: { gt: now } } }),
    db.jurisdiction.count({ where: { stateCode: STATE, kind: 'COUNTY' } }),
    db.jurisdiction.count({ where: { stateCode: STATE, kind: 'MUNICIPALITY' } }),
    db.agency.count({ where: { stateCode: STATE } }),
    db.iceImport.count(),
    db.pendingImport.count(),
    db.iceImport.groupBy({ by: ['listKind'], _max: { asOf: true } }),
    db.securityEvent.count({ where: { at: { gt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } }),
  ]);
  const latestOf = (kind: 'PARTICIPATING' | 'PENDING') => {
    const asOf = latest.find((row) => row.listKind === kind)?._max.asOf;
    return asOf ? isoDate(asOf) : null;
  };
  return {
    accounts,
    disabled,
    invitations,
    counties,
    towns,
    agencies,
    imports,
    pendingUploads,
    latestParticipating: latestOf('PARTICIPATING'),
    latestPending: latestOf('PENDING'),
    eventsLastDay: events,
  };
}
