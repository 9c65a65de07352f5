/**
 * The small-count threshold public pages and downloads use, from PUBLIC_SUPPRESSION_THRESHOLD
 * (a whole number ≥ 1; default 5). Read on each call, so a test or a restart with a new value
 * takes effect; a value that is not such a number throws rather than weaken the protection.
 */
import { parseSuppressionThreshold } from './suppression';

export function publicSuppressionThreshold(env: Record<string, string | undefined> = process.env): number {
  return parseSuppressionThreshold(env.PUBLIC_SUPPRESSION_THRESHOLD);
}
