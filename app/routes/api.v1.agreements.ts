import type { LoaderFunctionArgs } from '@remix-run/node';
import { prisma } from '~/db/prisma.server';
import { agreementsResponse } from '~/registry/agreements-export.server';

export const loader = ({ request, context }: LoaderFunctionArgs) => agreementsResponse(prisma(), request, 'json', context.publicDataVersion);
