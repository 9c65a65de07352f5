/**
 * An agency's 287(g) lineage: one line per event across all its agreements (listed, recorded
 * from an MOA, approved, model changed, re-signed, ended, returned), oldest first, each with its
 * date and source. Pure: the agency page and the API both build it from the stored events.
 */
export type LineageKind =
  | 'recorded'
  | 'listed'
  | 'pending'
  | 'onIceList'
  | 'approved'
  | 'modelChanged'
  | 'resigned'
  | 'ended'
  | 'returned'
  | 'changed';

type Status = 'ACTIVE' | 'PENDING' | 'ENDED';

export interface StoredEvent {
  id: number;
  kind: 'LISTED' | 'CHANGED' | 'ENDED' | 'RECORDED';
  fromStatus: Status | null;
  toStatus: Status;
  details: Record<string, [string | null, string | null]> | null;
  effectiveOn: string;
  source: string;
}

export interface LineageEvent {
  date: string;
  kind: LineageKind;
  agreement: string;
  model: string;
  /** The value before and after, for a model change or a new signing date. */
  from: string | null;
  to: string | null;
  /** Fields changed with their values before and after, for 'changed'. */
  changes: { field: string; from: string | null; to: string | null }[];
  source: string;
}

export function classifyEvent(event: StoredEvent): Pick<LineageEvent, 'kind' | 'from' | 'to' | 'changes'> {
  const details = event.details ?? {};
  const plain = { from: null, to: null, changes: [] };
  if (event.kind === 'RECORDED') return { kind: 'recorded', ...plain };
  if (event.kind === 'ENDED') return { kind: 'ended', ...plain };
  if (event.kind === 'LISTED') {
    if (details.onIceList) return { kind: 'onIceList', ...plain };
    return { kind: event.toStatus === 'PENDING' ? 'pending' : 'listed', ...plain };
  }
  if (event.fromStatus === 'ENDED' && event.toStatus !== 'ENDED') return { kind: 'returned', ...plain };
  if (details.model) return { kind: 'modelChanged', from: details.model[0], to: details.model[1], changes: [] };
  if (event.fromStatus === 'PENDING' && event.toStatus === 'ACTIVE') return { kind: 'approved', ...plain };
  if (details.signedOn && details.signedOn[0] && details.signedOn[1]) {
    return { kind: 'resigned', from: details.signedOn[0], to: details.signedOn[1], changes: [] };
  }
  return { kind: 'changed', from: null, to: null, changes: Object.entries(details).map(([field, [from, to]]) => ({ field, from, to })) };
}

export function agencyLineage(agreements: { publicId: string; model: string; events: StoredEvent[] }[]): LineageEvent[] {
  return agreements
    .flatMap((agreement) =>
      agreement.events.map((event) => ({
        id: event.id,
        line: { date: event.effectiveOn, agreement: agreement.publicId, model: agreement.model, source: event.source, ...classifyEvent(event) },
      })),
    )
    .sort((a, b) => a.line.date.localeCompare(b.line.date) || a.id - b.id)
    .map(({ line }) => line);
}
