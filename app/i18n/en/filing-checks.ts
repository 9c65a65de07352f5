/**
 * What the checks on a report say (app/reporting/filing-messages.ts lists the codes and their
 * parameters): on the filing form, in the CSV upload's list of problems and, in English, in the
 * API's answers. A placeholder named {metric} or {…Metric} is a metric's label, {group} the
 * name of a breakdown below; filing-messages.test.ts checks that every code has its message.
 */
export const filingChecks = {
  // A value that cannot be read
  'filingCheck.value_required': 'Enter a value, or 0 if there was none.',
  'filingCheck.value_negative': 'Cannot be negative.',
  'filingCheck.value_whole_number': 'Enter a whole number.',
  'filingCheck.value_cents': 'Use dollars and cents: at most 2 decimals.',
  'filingCheck.value_decimals': 'Use at most 2 decimals.',
  'filingCheck.value_too_large': 'That number is too large: at most {max}. Check it.',
  'filingCheck.value_not_a_number': '"{typed}" is not a number.',
  'filingCheck.value_not_text': 'Enter a number.',
  'filingCheck.text_control_characters': 'This contained invisible control characters (such as a NUL byte), which were removed. Check it and send the form again.',
  'filingCheck.values_not_object': 'Send the values as an object whose keys are metric keys.',
  'filingCheck.metric_unknown': 'Unknown metric "{key}".',
  'filingCheck.metric_derived': '{key} is calculated, not entered.',
  'filingCheck.metric_not_in_filing': '"{key}" does not apply to this filing\'s agreement models.',

  // The draft as a whole
  'filingCheck.nothing_with_values': 'You marked "nothing to report" but entered values. Clear them, or untick "nothing to report".',

  // Rules across figures, and figures far from the agency's own history
  'filingCheck.rule_cannot_exceed': '{partMetric} ({partAmount}) cannot be more than {wholeMetric} ({wholeAmount}).',
  'filingCheck.rule_transfers_exceed_encountered':
    '{partMetric} ({partAmount}) is more than {wholeMetric} ({wholeAmount}). If some were encountered in an earlier period, explain.',
  'filingCheck.rule_sustained_exceed_filed': '{partMetric} ({partAmount}) is more than {wholeMetric} ({wholeAmount}). If some were filed in an earlier period, explain.',
  'filingCheck.rule_outcomes_exceed_received':
    '{honoredMetric} ({honoredAmount}) and {declinedMetric} ({declinedAmount}) add up to {sum}, more than {receivedMetric} ({receivedAmount}).',
  'filingCheck.rule_breakdown_without_total': 'The {group} is filled in, but {totalMetric} is not.',
  'filingCheck.rule_breakdown_sum': 'The {group} adds up to {sum}, but {totalMetric} is {totalAmount}.',
  'filingCheck.rule_offsets_exceed_gross': 'Reimbursement and jail-bed revenue exceed the gross cost. If that is right, explain why.',
  'filingCheck.rule_outlier_above': "{metric} ({amount}) is far above this agency's usual (median {median} over {periods} periods). Check it, or explain.",
  'filingCheck.rule_outlier_below': "{metric} ({amount}) is far below this agency's usual (median {median} over {periods} periods). Check it, or explain.",

  // Opening and submitting a report
  'filingCheck.requirement_not_found': 'No such requirement.',
  'filingCheck.filing_not_found': 'No such filing.',
  'filingCheck.period_not_expected': 'No report is expected for period "{period}" of this requirement.',
  'filingCheck.period_not_ended': 'The period ends on {end}: submit the report after that.',
  'filingCheck.period_locked': 'Filing for this period locked on {locked}. A reviewer must grant an extension before it can be submitted.',
  'filingCheck.period_late': 'This report was due by {due} and the policy does not accept late reports.',
  'filingCheck.amendment_reason_required': 'This report was already submitted: say why you are amending it (at least {min} characters).',
  'filingCheck.certified_name_required': 'Enter the name of the person certifying the report.',
  'filingCheck.certified_title_required': 'Enter the title of the person certifying the report.',

  // A reviewer's decision
  'filingCheck.review_note_required': 'Say what the agency must fix (at least {min} characters).',
  'filingCheck.review_nothing_submitted': 'Nothing has been submitted for this period yet.',
  'filingCheck.extension_reason_required': 'Give the reason for the extension: at least {min} characters.',
  'filingCheck.extension_date_invalid': 'Enter the new last day for filing as a date.',
  'filingCheck.review_revision_outdated': 'Revision {newest} was submitted since you opened this page: review that one.',

  // How a message names a breakdown of the transfers to ICE ({group})
  'filingCheck.group.transferred_by_charge': 'charge-tier breakdown',
  'filingCheck.group.transferred_by_conviction': 'conviction breakdown',
  'filingCheck.group.transferred_by_sex': 'sex breakdown',
  'filingCheck.group.transferred_by_age': 'age-band breakdown',
  'filingCheck.group.transferred_by_citizenship': 'citizenship breakdown',
  'filingCheck.group.booked_by_race': 'race and ethnicity breakdown of bookings',
  'filingCheck.group.transferred_by_race': 'race and ethnicity breakdown of transfers',
  'filingCheck.group.detained_by_race': 'race and ethnicity breakdown of detainers honored',
  'filingCheck.group.task_force_stops_by_race': 'race and ethnicity breakdown of stops',
  'filingCheck.group.task_force_stops_by_reason': 'reason breakdown of stops',
  'filingCheck.group.task_force_arrests_by_race': 'race and ethnicity breakdown of arrests',
  'filingCheck.group.task_force_arrests_by_reason': 'reason breakdown of arrests',
  'filingCheck.group.detainers_by_charge': 'charge-level breakdown of detainers',
  'filingCheck.group.ice_requests_by_type': 'type breakdown of ICE requests',
  'filingCheck.group.ice_requests_by_outcome': 'outcome breakdown of ICE requests',
} as const;
