import { describe, expect, it } from 'vitest';
import { mentions, revisionDiff } from './revision-diff';

const NAMES: Record<string, string[]> = {
  people_encountered: ['People encountered', 'Personas encontradas', 'people_encountered'],
  gross_cost: ['Gross cost', 'Costo bruto', 'gross_cost'],
  detainers_received: ['Detainers received', 'Órdenes de retención recibidas', 'detainers_received'],
  detainers_honored: ['Detainers honored', 'Órdenes de retención cumplidas', 'detainers_honored'],
  'transferred_by_sex.female': ['Transferred: female', 'Transferidas: mujeres', 'transferred_by_sex.female'],
};
const namesOf = (key: string) => NAMES[key] ?? [key];

describe('revisionDiff', () => {
  it('flags a figure that changed without a word in the reason (the carried-over draft value 20 → 44)', () => {
    const diff = revisionDiff({
      keys: ['people_encountered', 'gross_cost', 'detainers_received'],
      before: { people_encountered: '20', gross_cost: '12000.00', detainers_received: '14' },
      after: { people_encountered: '44', gross_cost: '12500.50', detainers_received: '14' },
      reason: 'Fixed a typing error in the gross cost.',
      namesOf,
    });
    expect(diff.figures).toEqual([
      { key: 'people_encountered', before: '20', after: '44', kind: 'changed', mentioned: false },
      { key: 'gross_cost', before: '12000.00', after: '12500.50', kind: 'changed', mentioned: true },
      { key: 'detainers_received', before: '14', after: '14', kind: 'unchanged', mentioned: true },
    ]);
    expect(diff.changed).toEqual(['people_encountered', 'gross_cost']);
    expect(diff.unmentioned).toEqual(['people_encountered']);
  });

  it('reads the same number written two ways as unchanged', () => {
    const diff = revisionDiff({ keys: ['gross_cost'], before: { gross_cost: '12500.50' }, after: { gross_cost: '12500.5' }, reason: null, namesOf });
    expect(diff.figures[0].kind).toBe('unchanged');
    expect(diff.changed).toEqual([]);
  });

  it('tells a figure added or removed from a change, and flags both when the reason is silent', () => {
    const diff = revisionDiff({
      keys: ['people_encountered', 'detainers_received', 'gross_cost'],
      before: { detainers_received: '3' },
      after: { people_encountered: '5' },
      reason: 'Corrected the cost.',
      namesOf,
    });
    expect(diff.figures.map((figure) => [figure.key, figure.kind, figure.mentioned])).toEqual([
      ['people_encountered', 'added', false],
      ['detainers_received', 'removed', false],
      ['gross_cost', 'unchanged', true],
    ]);
  });

  it('flags every change when there is no reason at all', () => {
    const diff = revisionDiff({ keys: ['gross_cost'], before: { gross_cost: '1.00' }, after: { gross_cost: '2.00' }, reason: '', namesOf });
    expect(diff.unmentioned).toEqual(['gross_cost']);
  });
});

describe('mentions', () => {
  it('finds a figure by a word of its label, in either language, by stem and without accents', () => {
    expect(mentions('Corrected the detainer counts after a records audit.', NAMES.detainers_received)).toBe(true);
    expect(mentions('Se corrigieron las ordenes de retencion.', NAMES.detainers_honored)).toBe(true);
    expect(mentions('Added the overtime costs.', NAMES.gross_cost)).toBe(true);
    // Leans towards "mentioned": a reason about transfers covers every transfer breakdown.
    expect(mentions('Recount of the transfers.', NAMES['transferred_by_sex.female'])).toBe(true);
    expect(mentions('Recount of the detainers.', NAMES['transferred_by_sex.female'])).toBe(false);
  });

  it('does not count short or common words as a mention', () => {
    expect(mentions('Fixed the total of the report, as the ICE office asked.', NAMES.people_encountered)).toBe(false);
    expect(mentions('Fixed the number in the report.', ['Number of reports'])).toBe(false);
  });
});
