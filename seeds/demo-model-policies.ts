/**
 * A demonstration of model policies and pre-approval (app/policies/, app/preapproval/), seeded
 * only in demo mode: Hillsborough, a town of Orange County, adopts the pre-approval template with
 * a recorded vote, and its police department (which has no 287(g) agreement) applies for a Task
 * Force agreement. Not a town of Gaston or Cabarrus: their county dashboards list the agencies
 * with a requirement, and the demo's tests pin those lists. The application is at public notice,
 * its comment period open for weeks after the seed's "today", with two residents' comments, one
 * hidden by the clerk with a reason. There is no wipe of demo data (a demo database is simply
 * thrown away); the seed_run row 'demo-model-policies' says the database holds it.
 *
 * Made up, and said so: the resolution's additional provision and the application's reasons
 * begin "Demonstration data". The police department is not in ICE's lists, so it is added as an
 * agency marked isDemo. Policies, applications and comments have no isDemo column: they are
 * recognised by that agency (every row here hangs off it or its policy) and by their author,
 * the demonstration data loader (app_user.is_demo), as demo-filings.ts's reports are.
 *
 * Not seeded: a town whose police department has an agreement adopting the reporting template.
 * The registry's five such departments (Beulaville, Brookford, Kenansville, Newland, Robbins)
 * each already report under a demonstration policy (demo-filings.ts); a second policy would give
 * them a second requirement, and amendModelPolicy only amends a policy adopted from a template.
 *
 * Everything goes through the real services (adoptModelPolicy, submitApplication,
 * stepApplication, addComment, hideComment) in one transaction, with `now` set in the past.
 */
import type { PrismaClient } from '~/db/prisma.server';
import { adoptModelPolicy } from '~/policies/adoption.server';
import { answersToFields, defaultAnswers, parseAnswers } from '~/policies/answers';
import { addComment, hideComment, stepApplication, submitApplication, type Actor } from '~/preapproval/applications.server';
import type { ApplicationItem } from '~/preapproval/items';
import { addDays, newYorkDate } from '~/reporting/calendar';
import { agencyKey, agencySlug } from '~/registry/names';
import { DEMO_LOADER } from './demo-filings';

export const DEMO_PREAPPROVAL = {
  townFips: '3731620',
  town: 'Hillsborough',
  agencyName: 'Hillsborough Police Department',
  model: 'TFM',
  vote: { for: 4, against: 1, abstaining: 0 },
  /** Days before the seed's today: adopted, applied, reviewed, notice given (so comments stay open for weeks). */
  daysAgo: { adopted: 75, submitted: 40, review: 33, notice: 4 },
} as const;

const DAY = 86_400_000;

const ITEMS: Record<ApplicationItem, string> = {
  modelSought: 'Task Force Model (TFM).',
  reasons:
    'Demonstration data: this application is made up. The department states that two officers would be designated to work with ICE on warrants for people charged with violent felonies.',
  draftMoa: "ICE's standard Task Force Model agreement, unchanged (draft attached to the clerk's copy of the application).",
  costStaff: 'Two officers at about 10% of their time: an estimated $14,000 a year in salary and overtime.',
  costTraining: "ICE's 40-hour online course for two officers: about $3,000 in officer time; ICE pays the course.",
  costDetention: 'None: the department holds no one; people arrested are taken to the Orange County jail.',
  costLiability: "The town's insurer estimates a $1,800 increase in the annual liability premium.",
  trainingPlan: "Both officers complete ICE's course and the department's annual training on bias-free policing before any designation.",
  complaintProcedure: "Complaints go to the Chief or the Town Manager on the town's existing form; each is answered in writing within 30 days.",
  antiProfilingPolicy: "The department's policy 4.12 (bias-free policing) applies to every Task Force stop; stops are recorded with the reason and the person's race and ethnicity.",
  reportingPlan: 'Quarterly reports to the Town Council through the portal, on the measures the pre-approval policy lists.',
};

const COMMENTS = [
  {
    name: 'M. Alvarez',
    body: 'Please publish how many stops the two officers make and the reasons, by race and ethnicity, before the Council votes. Fourteen thousand dollars is a lot for a town our size.',
    daysAgo: 3,
  },
  { name: null, body: 'Best gutter cleaning in Orange County, call today for a free quote!', daysAgo: 2, hidden: 'Advertising, not a comment on the application.' },
];

export async function seedDemoModelPolicies(prisma: PrismaClient, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  const today = newYorkDate(now);
  const at = (daysAgo: number, hourUtc = 15) => new Date(Date.parse(`${addDays(today, -daysAgo)}T${String(hourUtc).padStart(2, '0')}:00:00Z`));
  const demo = DEMO_PREAPPROVAL;

  await prisma.$transaction(
    async (tx) => {
      const town = await tx.jurisdiction.findUniqueOrThrow({ where: { fips: demo.townFips }, select: { id: true, name: true } });
      // A database where someone has set the town up already is left as it is.
      const slug = agencySlug('NC', demo.agencyName);
      if (await tx.agency.findUnique({ where: { slug }, select: { id: true } })) return;
      if (await tx.policy.findFirst({ where: { jurisdictionId: town.id }, select: { id: true } })) return;

      const loader = await tx.user.upsert({ where: { email: DEMO_LOADER.email }, update: {}, create: { email: DEMO_LOADER.email, name: DEMO_LOADER.name, isDemo: true } });
      const actor: Actor = { userId: loader.id, label: `user:${loader.id}` };
      // As an operator adds an agency ICE has not listed (app/admin/agencies.server.ts), marked made up.
      const agency = await tx.agency.create({
        data: { name: demo.agencyName, slug, matchKey: agencyKey('NC', demo.agencyName), kind: 'POLICE', stateCode: 'NC', jurisdictionId: town.id, isDemo: true },
      });

      const adoptedOn = addDays(today, -demo.daysAgo.adopted);
      const drafted = {
        ...defaultAnswers('municipal_preapproval', { jurisdictionName: town.name, agencies: [{ id: agency.id, name: agency.name }], today: adoptedOn }),
        adoptedOn,
        vote: { ...demo.vote },
        additionalClauses: [
          `Demonstration data: the ${town.name} Town Council did not adopt this resolution. The portal's demo shows it, and the application filed under it, to illustrate pre-approval.`,
        ],
      };
      // Read back as the adoption form reads them, so the demo holds only what a clerk could adopt.
      const parsed = parseAnswers('municipal_preapproval', answersToFields(drafted), { adopting: true });
      if (!parsed.ok) throw new Error(`Demo pre-approval answers refused: ${JSON.stringify(parsed.problems)}`);
      await adoptModelPolicy(tx, { userId: loader.id }, { jurisdictionId: town.id, answers: parsed.answers });

      const application = await submitApplication(tx, { agencyId: agency.id, model: demo.model, items: ITEMS, actor, now: at(demo.daysAgo.submitted) });
      await stepApplication(tx, { applicationId: application.id, step: { action: 'startReview' }, side: 'council', actor, now: at(demo.daysAgo.review) });
      await stepApplication(tx, { applicationId: application.id, step: { action: 'giveNotice' }, side: 'council', actor, now: at(demo.daysAgo.notice) });
      for (const comment of COMMENTS) {
        const created = await addComment(tx, { applicationId: application.id, name: comment.name, body: comment.body, ip: null, now: at(comment.daysAgo, 22) });
        if (comment.hidden) await hideComment(tx, { commentId: created.id, reason: comment.hidden, actor, now: new Date(created.createdAt.getTime() + DAY / 2) });
      }
    },
    { timeout: 60_000 },
  );
}
