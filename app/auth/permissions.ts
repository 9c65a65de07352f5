/**
 * Who may do what. Every loader and action asks this module (through the helpers in
 * access.server.ts); pages use the same functions to hide what a person may not do.
 *
 * - Operators run the portal: jurisdictions, agencies, accounts, imports.
 * - Reviewers act for one jurisdiction (a county board, a town council): they review the
 *   agencies based there, not those of other places (a county's reviewer does not review a
 *   town's police department, nor the other way round).
 * - Filers draft reports for one agency; heads (the sheriff or chief, or a delegate) certify
 *   and submit for it and manage its API tokens.
 */
export type Role = 'OPERATOR' | 'REVIEWER' | 'FILER' | 'HEAD';

export interface Grant {
  role: Role;
  jurisdictionId: number | null;
  agencyId: number | null;
}

export interface Actor {
  userId: number;
  email: string;
  name: string;
  grants: Grant[];
}

export interface AgencyScope {
  id: number;
  jurisdictionId: number | null;
}

const has = (actor: Actor | null, test: (grant: Grant) => boolean) => Boolean(actor?.grants.some(test));

export function isOperator(actor: Actor | null): boolean {
  return has(actor, (g) => g.role === 'OPERATOR');
}

export function reviewsJurisdiction(actor: Actor | null, jurisdictionId: number): boolean {
  return has(actor, (g) => g.role === 'REVIEWER' && g.jurisdictionId === jurisdictionId);
}

export function reviewsAgency(actor: Actor | null, agency: AgencyScope): boolean {
  return agency.jurisdictionId !== null && reviewsJurisdiction(actor, agency.jurisdictionId);
}

/**
 * Pre-approval (app/preapproval/): the council's side (completeness review, notice, hearing,
 * decision, moderating comments, resolving a flag on an agreement without approval) belongs to
 * the reviewers of the agency's place, its clerk among them.
 */
export function actsForCouncilOf(actor: Actor | null, agency: AgencyScope): boolean {
  return reviewsAgency(actor, agency);
}

/** The agency's side of a pre-approval application (filing, resubmitting, withdrawing): its head. */
export function canApplyFor(actor: Actor | null, agencyId: number): boolean {
  return canCertifyFor(actor, agencyId);
}

/** Adopting or amending a model policy for a county or town: its reviewers, or an operator for any place. */
export function canAdoptPolicyFor(actor: Actor | null, jurisdictionId: number): boolean {
  return isOperator(actor) || reviewsJurisdiction(actor, jurisdictionId);
}

export function canDraftFor(actor: Actor | null, agencyId: number): boolean {
  return has(actor, (g) => (g.role === 'FILER' || g.role === 'HEAD') && g.agencyId === agencyId);
}

export function canCertifyFor(actor: Actor | null, agencyId: number): boolean {
  return has(actor, (g) => g.role === 'HEAD' && g.agencyId === agencyId);
}

/** Reviewers of the agency's place decide on its submitted reports (accept or return). */
export function canReviewFilingsOf(actor: Actor | null, agency: AgencyScope): boolean {
  return reviewsAgency(actor, agency);
}

/** Who may read an agency's filings in full, drafts and attachments included. */
export function canSeeFilingsOf(actor: Actor | null, agency: AgencyScope): boolean {
  return canDraftFor(actor, agency.id) || reviewsAgency(actor, agency) || isOperator(actor);
}

export function canManageApiTokens(actor: Actor | null, agencyId: number): boolean {
  return canCertifyFor(actor, agencyId);
}

/** Agencies this person files for (as filer or head). */
export function filingAgencyIds(actor: Actor | null): number[] {
  return [...new Set((actor?.grants ?? []).filter((g) => g.role === 'FILER' || g.role === 'HEAD').map((g) => g.agencyId!))];
}

/** A place's compliance record and meeting summary, with each report's review state: its reviewers, or an operator for any place. */
export function canSeeComplianceOf(actor: Actor | null, jurisdictionId: number): boolean {
  return isOperator(actor) || reviewsJurisdiction(actor, jurisdictionId);
}

/** Jurisdictions this person reviews. */
export function reviewedJurisdictionIds(actor: Actor | null): number[] {
  return [...new Set((actor?.grants ?? []).filter((g) => g.role === 'REVIEWER').map((g) => g.jurisdictionId!))];
}

export interface InvitationScope {
  role: Role;
  jurisdictionId: number | null;
  /** The agency invited to, with the jurisdiction it is based in. */
  agency: AgencyScope | null;
}

/** Operators invite to any role; a reviewer invites filers and heads of the agencies they review. */
export function canInvite(actor: Actor | null, invitation: InvitationScope): boolean {
  if (isOperator(actor)) return true;
  if (invitation.role !== 'FILER' && invitation.role !== 'HEAD') return false;
  return invitation.agency !== null && reviewsAgency(actor, invitation.agency);
}

/** Whether a grant is well formed: reviewers need a jurisdiction, filers and heads an agency. */
export function grantShapeError(grant: Grant): string | null {
  if (grant.role === 'OPERATOR') return grant.jurisdictionId || grant.agencyId ? 'An operator role is not tied to a place or agency.' : null;
  if (grant.role === 'REVIEWER') return grant.jurisdictionId && !grant.agencyId ? null : 'A reviewer role needs a county or town, and no agency.';
  return grant.agencyId && !grant.jurisdictionId ? null : 'A filer or head role needs an agency.';
}
