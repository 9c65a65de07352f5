// The demo seed's PRNG (mulberry32 seeded by FNV-1a of a string): the same text, the same numbers.
export { prng } from '../../seeds/demo-filings';

/** An integer in [min, max]. */
export const intBetween = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
