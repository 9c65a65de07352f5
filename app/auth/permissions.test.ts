import { describe, expect, it } from 'vitest';
import {
  canCertifyFor,
  canDraftFor,
  canInvite,
  canManageApiTokens,
  grantShapeError,
  isOperator,
  reviewsAgency,
  type Actor,
  type Grant,
} from './permissions';

const GASTON = 71;
const BELMONT = 900; // a town in Gaston County
const CABARRUS = 25;
const gastonSheriff = { id: 1, jurisdictionId: GASTON };
const cabarrusSheriff = { id: 2, jurisdictionId: CABARRUS };
const belmontPolice = { id: 3, jurisdictionId: BELMONT };

const actor = (...grants: Grant[]): Actor => ({ userId: 1, email: 'a@example.org', name: 'A', grants });
const filer = (agencyId: number): Grant => ({ role: 'FILER', agencyId, jurisdictionId: null });
const head = (agencyId: number): Grant => ({ role: 'HEAD', agencyId, jurisdictionId: null });
const reviewer = (jurisdictionId: number): Grant => ({ role: 'REVIEWER', jurisdictionId, agencyId: null });
const operator: Grant = { role: 'OPERATOR', jurisdictionId: null, agencyId: null };

describe('permissions', () => {
  it('lets filers draft only for their own agency, and only heads certify', () => {
    const gastonFiler = actor(filer(1));
    expect(canDraftFor(gastonFiler, 1)).toBe(true);
    expect(canDraftFor(gastonFiler, 2)).toBe(false);
    expect(canCertifyFor(gastonFiler, 1)).toBe(false);
    expect(canCertifyFor(actor(head(1)), 1)).toBe(true);
    expect(canDraftFor(actor(head(1)), 1)).toBe(true);
    expect(canManageApiTokens(actor(head(2)), 1)).toBe(false);
  });

  it("scopes reviewers to their own jurisdiction's agencies", () => {
    const countyBoard = actor(reviewer(GASTON));
    expect(reviewsAgency(countyBoard, gastonSheriff)).toBe(true);
    expect(reviewsAgency(countyBoard, cabarrusSheriff)).toBe(false);
    expect(reviewsAgency(countyBoard, belmontPolice)).toBe(false); // a town's police answer to its council
    expect(reviewsAgency(actor(reviewer(BELMONT)), gastonSheriff)).toBe(false);
    expect(reviewsAgency(countyBoard, { id: 9, jurisdictionId: null })).toBe(false);
  });

  it('gives anonymous visitors and operators no filing or review rights', () => {
    expect(canDraftFor(null, 1)).toBe(false);
    expect(reviewsAgency(null, gastonSheriff)).toBe(false);
    expect(isOperator(null)).toBe(false);
    expect(isOperator(actor(operator))).toBe(true);
    expect(canDraftFor(actor(operator), 1)).toBe(false);
  });

  it('lets operators invite to any role and reviewers only to the agencies they review', () => {
    expect(canInvite(actor(operator), { role: 'OPERATOR', jurisdictionId: null, agency: null })).toBe(true);
    const board = actor(reviewer(GASTON));
    expect(canInvite(board, { role: 'FILER', jurisdictionId: null, agency: gastonSheriff })).toBe(true);
    expect(canInvite(board, { role: 'HEAD', jurisdictionId: null, agency: cabarrusSheriff })).toBe(false);
    expect(canInvite(board, { role: 'REVIEWER', jurisdictionId: GASTON, agency: null })).toBe(false);
    expect(canInvite(actor(head(1)), { role: 'FILER', jurisdictionId: null, agency: gastonSheriff })).toBe(false);
  });

  it('checks the shape of a grant', () => {
    expect(grantShapeError(reviewer(GASTON))).toBeNull();
    expect(grantShapeError({ role: 'REVIEWER', jurisdictionId: null, agencyId: null })).toMatch(/needs a county or town/);
    expect(grantShapeError({ role: 'FILER', jurisdictionId: GASTON, agencyId: null })).toMatch(/needs an agency/);
    expect(grantShapeError(operator)).toBeNull();
  });
});
