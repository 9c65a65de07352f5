import { describe, expect, it } from 'vitest';
import { complianceStatus, summariseCompliance, timeliness } from './compliance';

describe('complianceStatus', () => {
  it('says returned while the newest revision stands returned, whatever its timing', () => {
    expect(complianceStatus('on_time', 'returned')).toBe('returned');
    expect(complianceStatus('late', 'returned')).toBe('returned');
  });

  it("otherwise keeps the calendar's word, a period under way or to come being not yet due", () => {
    expect(complianceStatus('on_time', 'accepted')).toBe('on_time');
    expect(complianceStatus('late', 'awaiting_review')).toBe('late');
    expect(complianceStatus('overdue', 'not_submitted')).toBe('overdue');
    expect(complianceStatus('due', 'not_submitted')).toBe('due');
    expect(complianceStatus('open', 'not_submitted')).toBe('not_yet_due');
    expect(complianceStatus('upcoming', 'not_submitted')).toBe('not_yet_due');
  });
});

describe('summariseCompliance', () => {
  it('counts each status and the on-time share of the periods whose deadline has passed or that were filed', () => {
    const periods = [
      { status: 'on_time' as const, timeliness: timeliness('on_time') },
      { status: 'on_time' as const, timeliness: timeliness('on_time') },
      { status: 'late' as const, timeliness: timeliness('late') },
      { status: 'returned' as const, timeliness: timeliness('on_time') },
      { status: 'overdue' as const, timeliness: timeliness('overdue') },
      { status: 'due' as const, timeliness: timeliness('due') },
    ];
    expect(summariseCompliance(periods)).toEqual({
      expected: 6,
      counts: { on_time: 2, late: 1, returned: 1, overdue: 1, due: 1, not_yet_due: 0 },
      // 3 on time (the returned report was filed on time) of 5 decided; the one still due is not counted.
      onTimePercent: '60.0',
    });
  });

  it('has no on-time share before any deadline', () => {
    expect(summariseCompliance([{ status: 'due', timeliness: 'due' }]).onTimePercent).toBeNull();
    expect(summariseCompliance([])).toMatchObject({ expected: 0, onTimePercent: null });
  });
});
