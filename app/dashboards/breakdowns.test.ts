import { describe, expect, it } from 'vitest';
import { publishBreakdowns } from './breakdowns';

const charge = (traffic: number, misdemeanor: number, felony: number, none: number) => ({
  cells: {
    'transferred_by_charge.traffic': traffic,
    'transferred_by_charge.misdemeanor': misdemeanor,
    'transferred_by_charge.felony': felony,
    'transferred_by_charge.none_or_civil': none,
  },
  periods: 4,
});

describe('publishBreakdowns', () => {
  it('publishes reported groups only, in catalogue order, every cell of the group listed and small ones suppressed', () => {
    const { groups } = publishBreakdowns(
      {
        transferred_by_sex: { cells: { 'transferred_by_sex.male': 40 }, periods: 2 },
        transferred_by_charge: charge(3, 12, 20, 7),
      },
      5,
    );
    expect(groups.map((group) => group.id)).toEqual(['transferred_by_charge', 'transferred_by_sex']);
    expect(groups[0]).toMatchObject({ total: '42', periodsReported: 4, suppressedCells: 2 });
    expect(groups[0].cells.map((cell) => [cell.key, cell.value, cell.reason])).toEqual([
      ['transferred_by_charge.traffic', null, 'suppressed'],
      ['transferred_by_charge.misdemeanor', '12', null],
      ['transferred_by_charge.felony', '20', null],
      ['transferred_by_charge.none_or_civil', null, 'suppressed'],
    ]);
    expect(groups[0].cells[0].label).toBe('Transferred: traffic charge');
    // Cells nobody filled in, in a reported group, are zeros (rules.ts), and shown.
    expect(groups[1].cells.map((cell) => cell.value)).toEqual(['0', '40', '0']);
  });

  it('gives the share of traffic and misdemeanor charges when no suppressed cell is in it', () => {
    const { lowLevelCharges } = publishBreakdowns({ transferred_by_charge: charge(9, 12, 20, 0) }, 5);
    expect(lowLevelCharges).toEqual({ people: '21', of: '41', percent: '51.2', reason: null });
  });

  it('gives it too when the suppressed cells are exactly its cells: total minus the rest tells it anyway', () => {
    const { lowLevelCharges } = publishBreakdowns({ transferred_by_charge: charge(3, 7, 20, 12) }, 5);
    expect(lowLevelCharges).toEqual({ people: '10', of: '42', percent: '23.8', reason: null });
  });

  it('withholds it when it would reveal a suppressed cell, and says why', () => {
    // traffic (3) hidden with "no charge" (7) as its complement; traffic + 12 would give 3 away.
    expect(publishBreakdowns({ transferred_by_charge: charge(3, 12, 20, 7) }, 5).lowLevelCharges).toEqual({
      people: null,
      of: '42',
      percent: null,
      reason: 'suppressed',
    });
  });

  it('says "not reported" when no report gave the charge breakdown', () => {
    const published = publishBreakdowns({}, 5);
    expect(published.groups).toEqual([]);
    expect(published.lowLevelCharges).toEqual({ people: null, of: null, percent: null, reason: 'not_reported' });
  });
});
