import type { LoaderFunctionArgs } from '@remix-run/node';
import { prisma } from '~/db/prisma.server';
import { sourceDocumentResponse } from '~/registry/source-documents.server';

/** GET /sources/:id — a copy of a signed MOA (or other source document) an operator recorded. Public. */
export const loader = ({ request, params }: LoaderFunctionArgs) => sourceDocumentResponse(prisma(), request, params.id ?? '');
