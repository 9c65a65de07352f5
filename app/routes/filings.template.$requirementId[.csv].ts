import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireActor } from '~/auth/access.server';
import { prisma } from '~/db/prisma.server';
import { csvTemplate } from '~/reporting/filings-csv.server';

/** GET /filings/template/:requirementId.csv: the CSV template, for filers and heads of the requirement's agency. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const template = await csvTemplate(prisma(), actor, params.requirementId);
  return new Response(template.text, {
    headers: {
      // The text starts with a BOM: without it Excel reads the file as Windows-1252.
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${template.fileName}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
