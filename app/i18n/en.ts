/**
 * English messages: every user-facing string lives in one of these catalogs (one per part of
 * the portal), merged here. A Spanish catalog with the same keys follows. Placeholders: {name}.
 */
import { accounts } from './en/accounts';
import { admin } from './en/admin';
import { agency } from './en/agency';
import { agencyDashboard } from './en/agency-dashboard';
import { countyDashboard } from './en/county-dashboard';
import { dashboards } from './en/dashboards';
import { attachments } from './en/attachments';
import { filingChecks } from './en/filing-checks';
import { forms } from './en/forms';
import { filings } from './en/filings';
import { filingsCsv } from './en/filings-csv';
import { iceLists } from './en/ice-lists';
import { metrics } from './en/metrics';
import { openData } from './en/open-data';
import { policies } from './en/policies';
import { registry } from './en/registry';
import { review } from './en/review';
import { meetingSummary } from './en/meeting-summary';
import { statewide } from './en/statewide';
import { towns } from './en/towns';
import { search } from './en/search';
import { preapproval } from './en/preapproval';
import { modelPolicies } from './en/model-policies';
import { policyPages } from './en/policy-pages';
import { calendarFeed } from './en/calendar-feed';
import { followThrough } from './en/follow-through';
import { alerts } from './en/alerts';
import { mail } from './en/mail';

export const en = { ...registry, ...accounts, ...agency, ...admin, ...filings, ...filingChecks, ...filingsCsv, ...policies, ...review, ...meetingSummary, ...dashboards, ...metrics, ...openData, ...attachments, ...statewide, ...countyDashboard, ...agencyDashboard, ...towns, ...search, ...iceLists, ...forms, ...preapproval, ...modelPolicies, ...policyPages, ...calendarFeed, ...alerts, ...mail, ...followThrough } as const;

export type MessageKey = keyof typeof en;
