// The filing form's field names, for the page and for filing-form.server.ts, which reads them.
// Field names of the figures and explanations: "value:gross_cost", "explanation:<rule id>".
export const VALUE_PREFIX = 'value:';
export const EXPLANATION_PREFIX = 'explanation:';
