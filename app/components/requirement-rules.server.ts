/**
 * Reading the rule fields of requirement-rules.tsx back from a posted form: the zod part, on the
 * server only.
 */
import { z } from 'zod';
import { listOf } from '~/utils/forms.server';
import type { RulesValues } from './requirement-rules';

/**
 * A field as typed, to show it again after an error: a missing one (or a file) reads as empty.
 * What the value must be is the policy service's to say, with the message the API gives too.
 */
export const typedText = z.string().catch('');

/** The rule fields of a posted form, as typed; parse with parseWith (a form's own fields may be added). */
export const rulesFields = {
  frequency: typedText,
  dueDaysAfterEnd: typedText,
  // A checkbox is posted only when ticked.
  acceptsLate: z.unknown().optional().transform((value) => value !== undefined),
  lockDaysAfterDue: typedText,
  effectiveFrom: typedText,
  /** Metric keys and group:… choices. */
  metricKeys: listOf(z.string()),
};

export const RulesForm: z.ZodType<RulesValues> = z.object(rulesFields);
