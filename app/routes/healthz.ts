import { prisma } from '~/db/prisma.server';

/** 200 when the database answers, 503 otherwise: for load balancers and uptime checks. */
export async function loader() {
  const headers = { 'Cache-Control': 'no-store' };
  try {
    await Promise.race([
      prisma().$queryRaw`select 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error('database timeout')), 3000)),
    ]);
    return Response.json({ status: 'ok', database: 'reachable' }, { headers });
  } catch {
    return Response.json({ status: 'error', database: 'unreachable' }, { status: 503, headers });
  }
}
