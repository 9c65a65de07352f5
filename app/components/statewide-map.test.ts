import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { activeByModel, MAP_CATEGORIES, MAP_COLORS, mapCategory, mapSummary } from './statewide-map';

const county = (models: ('JEM' | 'WSO' | 'TFM')[], municipalModels: ('JEM' | 'WSO' | 'TFM')[] = []) => ({ models, municipalModels });

describe('mapCategory', () => {
  it("colours a county by its own agencies' broadest model", () => {
    expect(mapCategory(county(['WSO']))).toBe('wso');
    expect(mapCategory(county(['JEM']))).toBe('jem');
    expect(mapCategory(county(['JEM', 'WSO']))).toBe('jem');
    expect(mapCategory(county(['WSO', 'TFM']))).toBe('tfm');
  });

  it("gives counties where only a town's police has an agreement their own colour", () => {
    expect(mapCategory(county([], ['TFM']))).toBe('municipal');
    expect(mapCategory(county([], ['WSO']))).toBe('municipal');
    // The county's own agreement decides the colour; the town's is listed beside it.
    expect(mapCategory(county(['WSO'], ['TFM']))).toBe('wso');
    expect(mapCategory(county([]))).toBe('none');
  });
});

describe('map colours', () => {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string) => {
    const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (high + 0.05) / (low + 0.05);
  };

  it('has one distinct colour per category, each agreement colour at least 3:1 against white', () => {
    expect(Object.keys(MAP_COLORS).sort()).toEqual([...MAP_CATEGORIES].sort());
    expect(new Set(Object.values(MAP_COLORS)).size).toBe(MAP_CATEGORIES.length);
    for (const category of MAP_CATEGORIES.filter((id) => id !== 'none')) {
      expect(contrast(MAP_COLORS[category], '#ffffff'), category).toBeGreaterThanOrEqual(3);
    }
  });

  it('matches the legend swatches in app.css', () => {
    const css = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../styles/app.css'), 'utf8');
    for (const category of MAP_CATEGORIES) {
      const rule = new RegExp(`\\.map-swatch-${category}\\s*\\{[^}]*background(?:-color)?:\\s*(#[0-9a-f]{6})`, 'i').exec(css);
      expect(rule?.[1].toLowerCase(), category).toBe(MAP_COLORS[category]);
    }
  });
});

describe('mapSummary', () => {
  it('counts counties, agencies and town police departments with an active agreement', () => {
    const agency = (active: ('JEM' | 'WSO' | 'TFM')[], municipal = false, pending: ('JEM' | 'WSO' | 'TFM')[] = []) => ({ active, pending, municipal });
    const summary = mapSummary([
      { ...county(['JEM', 'WSO']), agencies: [agency(['JEM']), agency(['WSO'])] },
      { ...county(['WSO'], ['TFM']), agencies: [agency(['WSO']), agency(['TFM'], true)] },
      { ...county([], ['WSO']), agencies: [agency(['WSO'], true)] },
      { ...county([]), agencies: [agency([], false, ['JEM'])] },
      { ...county([]), agencies: [] },
    ]);
    expect(summary).toEqual({
      counties: 5,
      countiesWithAgreement: 3,
      agenciesWithAgreement: 5,
      municipalAgencies: 2,
      countiesWithMunicipal: 2,
      byCategory: { wso: 1, jem: 1, tfm: 0, municipal: 1, none: 2 },
    });
  });

  it('counts active agreements by model across a county and its towns, not pending ones', () => {
    expect(activeByModel([{ active: ['JEM', 'WSO'], pending: [], municipal: false }, { active: ['WSO'], pending: ['TFM'], municipal: true }])).toEqual({ JEM: 1, WSO: 2, TFM: 0 });
  });
});

