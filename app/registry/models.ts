/** The three 287(g) models, in the order pages list them. Safe to import in the browser. */
export const MODELS = ['JEM', 'WSO', 'TFM'] as const;
export type Model = (typeof MODELS)[number];
