/**
 * Spanish messages, one catalog per part of the portal like the English ones, each typed against
 * its English counterpart so that a missing or extra key fails tsc. Placeholders stay as {name}.
 */
import type { MessageKey } from './en';
import { accounts } from './es/accounts';
import { admin } from './es/admin';
import { agency } from './es/agency';
import { agencyDashboard } from './es/agency-dashboard';
import { attachments } from './es/attachments';
import { countyDashboard } from './es/county-dashboard';
import { dashboards } from './es/dashboards';
import { filingChecks } from './es/filing-checks';
import { forms } from './es/forms';
import { filings } from './es/filings';
import { filingsCsv } from './es/filings-csv';
import { iceLists } from './es/ice-lists';
import { metrics } from './es/metrics';
import { openData } from './es/open-data';
import { policies } from './es/policies';
import { registry } from './es/registry';
import { review } from './es/review';
import { meetingSummary } from './es/meeting-summary';
import { statewide } from './es/statewide';
import { towns } from './es/towns';
import { search } from './es/search';
import { preapproval } from './es/preapproval';
import { modelPolicies } from './es/model-policies';
import { policyPages } from './es/policy-pages';
import { calendarFeed } from './es/calendar-feed';
import { followThrough } from './es/follow-through';
import { alerts } from './es/alerts';
import { mail } from './es/mail';

export const es = {
  ...registry,
  ...accounts,
  ...agency,
  ...admin,
  ...filings,
  ...filingChecks,
  ...filingsCsv,
  ...policies,
  ...review,
  ...meetingSummary,
  ...dashboards,
  ...metrics, ...openData,
  ...attachments,
  ...statewide,
  ...countyDashboard,
  ...agencyDashboard,
  ...towns,
  ...search,
  ...iceLists,
  ...forms,
  ...preapproval,
  ...modelPolicies,
  ...policyPages,
  ...calendarFeed,
  ...followThrough,
  ...alerts,
  ...mail,
} as const satisfies Record<MessageKey, string>;
