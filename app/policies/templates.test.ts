import { describe, expect, it } from 'vitest';
import { METRICS, metricByKey } from '~/reporting/metrics';
import { defaultMetricKeys, isTemplateId, TEMPLATE_IDS, templateById, templateForKind, TOOLKIT_METRIC_KEYS } from './templates';

describe('the model policy templates', () => {
  it('map to the PolicyKind values and their statutes', () => {
    expect(TEMPLATE_IDS.map((id) => [templateById(id).kind, templateById(id).statute])).toEqual([
      ['COUNTY_REPORTING', 'G.S. 153A-104'],
      ['MUNICIPAL_PREAPPROVAL', 'G.S. 160A-281'],
      ['MUNICIPAL_REPORTING', 'G.S. 160A-281'],
    ]);
    for (const id of TEMPLATE_IDS) expect(templateForKind(templateById(id).kind).id).toBe(id);
    expect(isTemplateId('municipal_reporting')).toBe(true);
    expect(isTemplateId('sanctuary')).toBe(false);
  });
});

describe('defaultMetricKeys', () => {
  it('asks for the race and ethnicity breakdowns the catalogue has, with their totals', () => {
    const county = defaultMetricKeys('county_reporting');
    const race = METRICS.filter((metric) => metric.group === 'transferred_by_race').map((metric) => metric.key);
    expect(race.length).toBeGreaterThan(0);
    expect(county).toEqual(expect.arrayContaining([...race, 'transfers_to_ice', 'gross_cost', 'complaints_filed']));
    const town = defaultMetricKeys('municipal_preapproval');
    expect(town).toEqual(expect.arrayContaining(METRICS.filter((metric) => metric.group === 'task_force_stops_by_race').map((metric) => metric.key)));
  });

  it('takes only what the catalogue has, typed, for the agency’s models, with every breakdown’s total', () => {
    for (const id of TEMPLATE_IDS) {
      for (const models of [undefined, ['JEM' as const], ['WSO' as const], ['TFM' as const]]) {
        const keys = defaultMetricKeys(id, { models });
        const wanted = new Set(models ?? templateById(id).assumedModels);
        for (const key of keys) {
          const metric = metricByKey(key)!;
          expect(metric.derived, key).toBeUndefined();
          expect(metric.models.some((model) => wanted.has(model)), `${key} for ${[...wanted]}`).toBe(true);
          if (metric.breakdownOf) expect(keys, key).toContain(metric.breakdownOf);
        }
      }
    }
    expect(defaultMetricKeys('county_reporting', { models: ['JEM'] })).not.toContain('task_force_stops');
    expect(defaultMetricKeys('county_reporting', { models: ['TFM'] })).not.toContain('detainers_received');
  });

  it('skips keys a catalogue does not have (a catalogue before v2 gives no race breakdowns)', () => {
    const v1 = METRICS.filter((metric) => metric.version === 1);
    const keys = defaultMetricKeys('county_reporting', { catalogue: v1 });
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.every((key) => v1.some((metric) => metric.key === key))).toBe(true);
    expect(keys.some((key) => key.includes('race'))).toBe(false);
    // A catalogue with a cell the list names by pattern: the cell and its total come in.
    const extra = { ...METRICS.find((metric) => metric.group === 'transferred_by_race')!, key: 'transferred_by_race.new_cell' };
    expect(defaultMetricKeys('municipal_reporting', { catalogue: [...v1, extra] })).toContain('transferred_by_race.new_cell');
  });

  it('names, in TOOLKIT_METRIC_KEYS, only keys or patterns that match the catalogue', () => {
    for (const id of TEMPLATE_IDS) {
      for (const entry of TOOLKIT_METRIC_KEYS[id]) {
        const pattern = new RegExp(`^${entry.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`);
        expect(METRICS.some((metric) => pattern.test(metric.key)), `${id}: ${entry}`).toBe(true);
      }
    }
  });
});
