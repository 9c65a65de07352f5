import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireAccess } from '~/auth/access.server';
import { reviewedJurisdictionIds } from '~/auth/permissions';
import { prisma } from '~/db/prisma.server';
import { requestLocale } from '~/i18n/locale.server';
import { reviewComplianceCsvResponse } from '~/reporting/review-pages.server';

/** GET /review/compliance.csv: the reviewer's compliance view as CSV, for the places they review. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAccess(request, (person) => reviewedJurisdictionIds(person).length > 0);
  return reviewComplianceCsvResponse(request, prisma(), actor, requestLocale(request));
}
