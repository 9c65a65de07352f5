/**
 * The data dictionary of public figures, generated from the metric catalogue so it cannot drift
 * from what the forms ask and the dashboards sum: one entry per metric with its label and
 * definition in the reader's language. Plain TypeScript, safe in the browser.
 */
import { translator, type Locale, type MessageKey } from '~/i18n/i18n';
import { BREAKDOWN_GROUPS, METRICS } from '~/reporting/metrics';

export interface DictionaryEntry {
  key: string;
  /** The catalogue version that added the metric (a v1 requirement asks only for version 1's). */
  catalogueVersion: number;
  label: string;
  definition: string;
  unit: string;
  category: string;
  models: string[];
  /** How a derived figure is calculated; null when reported. */
  formula: string | null;
  /** For a breakdown cell: the total its group must add up to, and the group. */
  breakdownOf: string | null;
  group: string | null;
  groupLabel: string | null;
}

/** The download's columns (snake_case, as every open-data column: columns.ts). */
export const DICTIONARY_COLUMNS = ['key', 'catalogue_version', 'label', 'definition', 'unit', 'category', 'models', 'formula', 'breakdown_of', 'group', 'group_label'] as const;
type DictionaryColumn = (typeof DICTIONARY_COLUMNS)[number];

/** An entry as the downloads give it: snake_case keys, in column order. */
export function dictionaryRecord(entry: DictionaryEntry): Record<DictionaryColumn, string | number | string[] | null> {
  return {
    key: entry.key,
    catalogue_version: entry.catalogueVersion,
    label: entry.label,
    definition: entry.definition,
    unit: entry.unit,
    category: entry.category,
    models: entry.models,
    formula: entry.formula,
    breakdown_of: entry.breakdownOf,
    group: entry.group,
    group_label: entry.groupLabel,
  };
}

export function dataDictionary(locale: Locale): DictionaryEntry[] {
  const t = translator(locale);
  return METRICS.map((metric) => ({
    key: metric.key,
    catalogueVersion: metric.version,
    label: t(`metric.${metric.key}.label` as MessageKey),
    definition: t(`metric.${metric.key}.definition` as MessageKey),
    unit: metric.unit,
    category: metric.category,
    models: [...metric.models],
    formula: metric.derived?.formula ?? null,
    breakdownOf: metric.breakdownOf ?? null,
    group: metric.group ?? null,
    groupLabel: metric.group && BREAKDOWN_GROUPS.some((group) => group.id === metric.group) ? t(`breakdown.${metric.group}` as MessageKey) : null,
  }));
}

/** The dictionary as CSV rows (models joined by "|"), in DICTIONARY_COLUMNS order. */
export function dictionaryRows(entries: DictionaryEntry[]): (string | number | null)[][] {
  return entries.map((entry) => {
    const record = dictionaryRecord(entry);
    return DICTIONARY_COLUMNS.map((column) => {
      const value = record[column];
      return Array.isArray(value) ? value.join('|') : value;
    });
  });
}
