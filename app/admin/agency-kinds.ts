import type { AgencyKind } from '~/generated/prisma/enums';

/** The kinds of agency an operator can choose, in the order the form offers them. */
export const AGENCY_KINDS = ['SHERIFF', 'POLICE', 'JAIL', 'STATE_AGENCY', 'OTHER'] as const satisfies readonly AgencyKind[];
