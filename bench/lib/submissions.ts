/**
 * What the filing-submission benchmark posts: for each agency with an active agreement, a new
 * policy with a monthly requirement (made with the portal's createPolicy, tagged with the run),
 * an API token made with createApiToken for the agency's head, and one JSON body per period the
 * calendar expects and that has ended, so every request is a real first submission.
 * Values are the same every month for an agency, so the outlier rule never asks for an
 * explanation.
 */
import { createApiToken } from '~/auth/api-tokens.server';
import { createPrismaClient } from '~/db/prisma.server';
import { dateOnly, expectedPeriods, newYorkDate } from '~/reporting/calendar';
import { metricsForModels, type Model } from '~/reporting/metrics';
import { createPolicy } from '~/reporting/policies.server';
import { monthlyFigures } from './figures';
import { prng } from './prng';

export interface SubmissionJob {
  token: string;
  body: string;
}

const EFFECTIVE_FROM = '2015-01-01';
const OATH = 'I certify under oath that this report is true and complete to the best of my knowledge. (Benchmark run.)';

export async function prepareSubmissions(url: string, options: { runTag: string; maxAgencies: number; now?: Date }) {
  const now = options.now ?? new Date();
  const prisma = createPrismaClient(url);
  try {
    const agencies = await prisma.agency.findMany({
      where: { jurisdictionId: { not: null }, agreements: { some: { status: 'ACTIVE' } } },
      select: {
        id: true,
        slug: true,
        name: true,
        jurisdictionId: true,
        jurisdiction: { select: { kind: true } },
        agreements: { select: { status: true, model: true, signedOn: true, firstListedOn: true, endedOn: true } },
      },
      orderBy: { id: 'asc' },
      take: options.maxAgencies,
    });
    const perAgency: SubmissionJob[][] = [];
    for (const agency of agencies) {
      const models = [...new Set(agency.agreements.filter((a) => a.status !== 'ENDED').map((a) => a.model as Model))];
      const metrics = metricsForModels(models);
      const email = `bench.head.${agency.slug}@example.org`;
      const head = await prisma.user.upsert({ where: { email }, update: {}, create: { email, name: `Bench Head ${agency.id}`, isDemo: true } });
      for (const role of ['FILER', 'HEAD'] as const) {
        const held = await prisma.roleAssignment.findFirst({ where: { userId: head.id, role, agencyId: agency.id } });
        if (!held) await prisma.roleAssignment.create({ data: { userId: head.id, role, agencyId: agency.id } });
      }
      const policy = await createPolicy(prisma, {
        jurisdictionId: agency.jurisdictionId!,
        kind: agency.jurisdiction?.kind === 'MUNICIPALITY' ? 'MUNICIPAL_REPORTING' : 'COUNTY_REPORTING',
        title: `Benchmark run ${options.runTag}`,
        statute: 'Benchmark',
        adoptedOn: EFFECTIVE_FROM,
        resolutionText: 'Benchmark run: not an actual resolution.',
        oathText: OATH,
        requirements: [
          {
            agencyId: agency.id,
            title: `Benchmark API requirement ${options.runTag}`,
            effectiveFrom: EFFECTIVE_FROM,
            frequency: 'MONTHLY',
            dueDaysAfterEnd: 30,
            acceptsLate: true,
            metricKeys: metrics.map((metric) => metric.key),
          },
        ],
      });
      const requirementId = policy.requirements[0].id;
      const { token } = await createApiToken(prisma, { agencyId: agency.id, name: `bench ${options.runTag}`, createdById: head.id });
      // The same active ranges as filings.server.ts derives from the agreements.
      const active = agency.agreements
        .filter((a) => a.status !== 'PENDING')
        .map((a) => ({ from: dateOnly(a.signedOn ?? a.firstListedOn), to: a.endedOn ? dateOnly(a.endedOn) : null }))
        .filter((range) => range.to === null || range.to >= range.from);
      const periods = expectedPeriods({
        versions: [{ id: 'v', effectiveFrom: EFFECTIVE_FROM, frequency: 'MONTHLY', dueDaysAfterEnd: 30, acceptsLate: true }],
        active,
        through: newYorkDate(now),
      });
      const values = monthlyFigures(metrics, 0.5, prng(`bench-api|${agency.slug}`));
      perAgency.push(
        periods.map((period) => ({
          token,
          body: JSON.stringify({ requirementId, periodKey: period.key, values, certification: { name: `Bench Head ${agency.id}`, title: 'Sheriff' } }),
        }))
      );
    }
    // Round-robin over agencies: concurrent requests file for different agencies, as in life.
    const jobs: SubmissionJob[] = [];
    for (let i = 0; perAgency.some((list) => i < list.length); i++) for (const list of perAgency) if (i < list.length) jobs.push(list[i]);
    return { jobs, agencies: agencies.length };
  } finally {
    await prisma.$disconnect();
  }
}
