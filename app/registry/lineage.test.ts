import { describe, expect, it } from 'vitest';
import { agencyLineage, classifyEvent, type StoredEvent } from './lineage';

const event = (over: Partial<StoredEvent>): StoredEvent => ({
  id: 1,
  kind: 'CHANGED',
  fromStatus: 'ACTIVE',
  toStatus: 'ACTIVE',
  details: null,
  effectiveOn: '2025-07-18',
  source: 'ICE participating list of 2025-07-18',
  ...over,
});

describe('classifyEvent', () => {
  it('names each kind of event', () => {
    expect(classifyEvent(event({ kind: 'RECORDED', fromStatus: null }))).toMatchObject({ kind: 'recorded' });
    expect(classifyEvent(event({ kind: 'LISTED', fromStatus: null, toStatus: 'PENDING' }))).toMatchObject({ kind: 'pending' });
    expect(classifyEvent(event({ kind: 'LISTED', fromStatus: null }))).toMatchObject({ kind: 'listed' });
    expect(classifyEvent(event({ kind: 'LISTED', details: { onIceList: ['no', 'yes'] } }))).toMatchObject({ kind: 'onIceList' });
    expect(classifyEvent(event({ kind: 'ENDED', toStatus: 'ENDED' }))).toMatchObject({ kind: 'ended' });
    expect(classifyEvent(event({ fromStatus: 'ENDED', details: { status: ['ENDED', 'ACTIVE'] } }))).toMatchObject({ kind: 'returned' });
    expect(classifyEvent(event({ fromStatus: 'PENDING', details: { status: ['PENDING', 'ACTIVE'] } }))).toMatchObject({ kind: 'approved' });
    expect(classifyEvent(event({ details: { model: ['JEM', 'WSO'] } }))).toEqual({ kind: 'modelChanged', from: 'JEM', to: 'WSO', changes: [] });
    expect(classifyEvent(event({ details: { signedOn: ['2020-01-01', '2025-02-01'] } }))).toEqual({
      kind: 'resigned',
      from: '2020-01-01',
      to: '2025-02-01',
      changes: [],
    });
    // A first signing date filled in is not a re-signing.
    expect(classifyEvent(event({ details: { signedOn: [null, '2025-02-01'], moaLink: ['NONE', 'LINKED'] } }))).toMatchObject({
      kind: 'changed',
      changes: [
        { field: 'signedOn', from: null, to: '2025-02-01' },
        { field: 'moaLink', from: 'NONE', to: 'LINKED' },
      ],
    });
  });
});

describe('agencyLineage', () => {
  it('merges the events of all agreements, oldest first, ids breaking ties', () => {
    const lines = agencyLineage([
      { publicId: 'x-wso', model: 'WSO', events: [event({ id: 5, kind: 'LISTED', effectiveOn: '2025-05-16' }), event({ id: 9, kind: 'ENDED', toStatus: 'ENDED', effectiveOn: '2025-07-18' })] },
      { publicId: 'x-tfm', model: 'TFM', events: [event({ id: 7, kind: 'RECORDED', effectiveOn: '2025-07-18', source: 'MOA: x.pdf' })] },
    ]);
    expect(lines.map((line) => [line.date, line.agreement, line.kind])).toEqual([
      ['2025-05-16', 'x-wso', 'listed'],
      ['2025-07-18', 'x-tfm', 'recorded'],
      ['2025-07-18', 'x-wso', 'ended'],
    ]);
    expect(lines[1].source).toBe('MOA: x.pdf');
  });
});
