import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { recordSecurityEvent, requestInfo } from '~/auth/events.server';
import { endSession, getActor } from '~/auth/session.server';
import { prisma } from '~/db/prisma.server';

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await getActor(request);
  const cookie = await endSession(prisma(), request);
  if (actor) await recordSecurityEvent(prisma(), { kind: 'sign_out', actorUserId: actor.userId, ...requestInfo(request, context.clientIp) });
  throw redirect('/', { headers: { 'Set-Cookie': cookie } });
}

export const loader = () => redirect('/');
