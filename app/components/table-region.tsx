import type { ReactNode } from 'react';

/**
 * A wide table's scrolling frame: focusable so keyboard users can scroll it, and a named region
 * (by the element `labelledBy` names) so screen readers announce what it holds.
 */
export function TableRegion({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}
