/**
 * What version 2 of the metric catalogue adds to version 1: breakdowns by race and ethnicity
 * (racial profiling is the toolkit's central concern), Task Force stops and arrests by reason,
 * detainers by charge level, and ICE requests by type and outcome. Every addition is a
 * breakdown cell of a version 1 total, so the sum rule (rules.ts) and small-count suppression
 * (dashboards/suppression.ts) apply to it as to the transfer breakdowns. Version 1 definitions
 * are never changed here: a v1 filing reads exactly as it was filed.
 *
 * Plain data; metrics.ts joins it to version 1. Only types come from metrics.ts, so the two
 * files do not load each other at run time.
 */
import type { BreakdownGroup, MetricDefinition, Model } from './metrics';

type Entry = Omit<MetricDefinition, 'version'>;
type Group = Omit<BreakdownGroup, 'version'>;

const ALL: Model[] = ['JEM', 'WSO', 'TFM'];
const JAIL: Model[] = ['JEM', 'WSO'];
const TFM: Model[] = ['TFM'];

/**
 * The race and ethnicity categories of the 2024 federal standard (OMB SPD 15), plus two cells
 * the sum rule needs: a person recorded in more than one category is counted once, in
 * "more than one category" (SPD 15 lets a person select several, and tabulates them so), and a
 * person whose record has none goes in "not recorded".
 */
export const RACE_ETHNICITY_CELLS: readonly (readonly [cell: string, label: string])[] = [
  ['american_indian_alaska_native', 'American Indian or Alaska Native'],
  ['asian', 'Asian'],
  ['black', 'Black or African American'],
  ['hispanic_latino', 'Hispanic or Latino'],
  ['middle_eastern_north_african', 'Middle Eastern or North African'],
  ['native_hawaiian_pacific_islander', 'Native Hawaiian or Pacific Islander'],
  ['white', 'White'],
  ['multiple', 'more than one category'],
  ['not_recorded', 'not recorded'],
];

/** Why a Task Force stop was made (an arrest takes the reason of the stop that led to it). */
const REASON_CELLS: readonly (readonly [cell: string, label: string, definition: string])[] = [
  ['traffic', 'traffic violation', 'made for a traffic violation.'],
  ['criminal', 'suspected crime', 'made on suspicion of a crime or to serve a criminal warrant.'],
  ['ice_target', 'person named by ICE', 'made to find a person ICE had named (an ICE warrant, a target list or an ICE request).'],
  ['call_for_service', 'call for service', 'made in answer to a call for service.'],
  ['other_or_unknown', 'other or unknown reason', 'made for another reason, or whose reason is not recorded.'],
];

interface Spec {
  group: Group;
  models: Model[];
  /** 'Booked', 'Transferred': before the cell's label. */
  labelPrefix: string;
  /** 'Bookings screened during the period': before the cell's definition. */
  definitionPrefix: string;
  cells: (readonly [cell: string, label: string, definition: string])[];
}

/** Race cells of a total; `lead` ties the definition to its subject: 'of a person', or '' for people. */
const byRace = (lead: string): Spec['cells'] =>
  RACE_ETHNICITY_CELLS.map(([cell, label]) => {
    const who = lead ? `${lead} ` : '';
    if (cell === 'multiple') return [cell, label, `${who}recorded in more than one race or ethnicity category (counted once, here only).`];
    if (cell === 'not_recorded') return [cell, 'race or ethnicity not recorded', `${who}whose race and ethnicity are not recorded.`];
    return [cell, label, `${who}recorded as ${label}, and in no other race or ethnicity category.`];
  });

const SPECS: Spec[] = [
  {
    group: {
      id: 'booked_by_race',
      heading: 'Bookings screened by race and ethnicity',
      total: 'bookings_screened',
    },
    models: ['JEM'],
    labelPrefix: 'Booked',
    definitionPrefix: 'Bookings screened during the period',
    cells: byRace('of a person'),
  },
  {
    group: {
      id: 'transferred_by_race',
      heading: 'Transfers to ICE by race and ethnicity',
      total: 'transfers_to_ice',
    },
    models: ALL,
    labelPrefix: 'Transferred',
    definitionPrefix: 'People transferred to ICE during the period',
    cells: byRace(''),
  },
  {
    group: {
      id: 'detained_by_race',
      heading: 'People held on a detainer by race and ethnicity',
      total: 'detainers_honored',
    },
    models: JAIL,
    labelPrefix: 'Held on a detainer',
    definitionPrefix: 'Detainers honored during the period',
    cells: byRace('for a person'),
  },
  {
    group: {
      id: 'task_force_stops_by_race',
      heading: 'Task-force stops by race and ethnicity',
      total: 'task_force_stops',
    },
    models: TFM,
    labelPrefix: 'Stopped',
    definitionPrefix: 'Task-force stops during the period',
    cells: byRace('of a person'),
  },
  {
    group: {
      id: 'task_force_stops_by_reason',
      heading: 'Task-force stops by reason',
      total: 'task_force_stops',
    },
    models: TFM,
    labelPrefix: 'Stopped',
    definitionPrefix: 'Task-force stops during the period',
    cells: REASON_CELLS.map(([cell, label, definition]) => [cell, label, definition]),
  },
  {
    group: {
      id: 'task_force_arrests_by_race',
      heading: 'Task-force arrests by race and ethnicity',
      total: 'task_force_arrests',
    },
    models: TFM,
    labelPrefix: 'Arrested',
    definitionPrefix: 'Task-force arrests during the period',
    cells: byRace('of a person'),
  },
  {
    group: {
      id: 'task_force_arrests_by_reason',
      heading: 'Task-force arrests by reason for the stop',
      total: 'task_force_arrests',
    },
    models: TFM,
    labelPrefix: 'Arrested',
    definitionPrefix: 'Task-force arrests during the period',
    cells: REASON_CELLS.map(([cell, label, definition]) => [cell, label, `following a stop ${definition}`]),
  },
  {
    group: {
      id: 'detainers_by_charge',
      heading: 'Detainers received by most serious charge',
      total: 'detainers_received',
    },
    models: JAIL,
    labelPrefix: 'Detainer',
    definitionPrefix: 'Detainers received during the period',
    cells: [
      ['felony', 'felony charge', 'for a person whose most serious charge was a felony.'],
      ['misdemeanor', 'misdemeanor charge', 'for a person whose most serious charge was a misdemeanor (other than traffic).'],
      ['traffic', 'traffic charge', 'for a person whose most serious charge was a traffic offence.'],
      ['none', 'no criminal charge', 'for a person with no criminal charge (held only on an immigration matter or a civil charge).'],
    ],
  },
  {
    group: {
      id: 'ice_requests_by_type',
      heading: 'ICE requests by type',
      total: 'ice_requests',
    },
    models: ALL,
    labelPrefix: 'ICE request',
    definitionPrefix: 'ICE requests during the period',
    cells: [
      ['detainer', 'detainer', 'to hold a person past release (a detainer).'],
      ['notification', 'notification', 'to be told of a person’s release date or time.'],
      ['transfer', 'transfer', 'to hand a person over to ICE custody.'],
      ['interview_access', 'interview access', 'for access to a person in custody, to interview them.'],
      // Not in the list: without it, requests for help with an operation or for
      // information would fit no cell, and the breakdown could never add up to the total.
      ['other', 'other request', 'of any other kind (help with an operation, information).'],
    ],
  },
  {
    group: {
      id: 'ice_requests_by_outcome',
      heading: 'ICE requests by outcome',
      total: 'ice_requests',
    },
    models: ALL,
    labelPrefix: 'ICE request',
    definitionPrefix: 'ICE requests during the period',
    cells: [
      ['honored', 'honored', 'that the agency had agreed to or carried out by the end of it.'],
      ['declined', 'declined', 'that the agency had refused, or not carried out, by the end of it.'],
      ['pending', 'pending', 'still open at the end of it.'],
    ],
  },
];

export const V2_BREAKDOWN_GROUPS: readonly Group[] = SPECS.map((spec) => spec.group);

export const V2_ENTRIES: readonly Entry[] = SPECS.flatMap((spec) =>
  spec.cells.map(
    ([cell, label, definition]): Entry => ({
      key: `${spec.group.id}.${cell}`,
      label: `${spec.labelPrefix}: ${label}`,
      definition: `${spec.definitionPrefix} ${definition}`,
      unit: 'COUNT',
      // PEOPLE: published summed and suppressed, never period by period or across counties.
      category: 'PEOPLE',
      models: spec.models,
      breakdownOf: spec.group.total,
      group: spec.group.id,
    })
  )
);
