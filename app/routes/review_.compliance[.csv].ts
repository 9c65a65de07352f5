import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireAccess } from '~/auth/access.server';
import { reviewedJurisdictionIds } from '~/auth/permissions';
import { prisma } from '~/db/prisma.server';
import { requestLocale } from '~/i18n/locale.server';
import { parseComplianceFilter } from '~/reporting/review-compliance';
import { reviewComplianceCsv } from '~/reporting/review-compliance.server';

/** GET /review/compliance.csv: the reviewer's compliance view as CSV, for the places they review, with the page's filters (same query). */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAccess(request, (person) => reviewedJurisdictionIds(person).length > 0);
  return reviewComplianceCsv(request, prisma(), actor, parseComplianceFilter(new URL(request.url).searchParams), requestLocale(request));
}
