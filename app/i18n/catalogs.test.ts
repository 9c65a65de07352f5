import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { es } from './es';

const here = path.dirname(fileURLToPath(import.meta.url));
const catalogFiles = (language: string) =>
  fs
    .readdirSync(path.join(here, language))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .sort();

/** The messages an area file exports (each exports one catalog object). */
async function areaMessages(language: string, file: string): Promise<Record<string, string>> {
  const module: Record<string, unknown> = await import(path.join(here, language, file));
  return Object.assign({}, ...Object.values(module).filter((value) => typeof value === 'object' && value !== null));
}

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
const missing = (from: object, to: object) => Object.keys(from).filter((key) => !(key in to));

describe('the English and Spanish catalogs', () => {
  it('have exactly the same keys', () => {
    expect(missing(en, es), 'keys missing from the Spanish catalog').toEqual([]);
    expect(missing(es, en), 'keys missing from the English catalog').toEqual([]);
  });

  it('use the same placeholders in each message', () => {
    const differing = Object.keys(en)
      .filter((key) => key in es)
      .filter((key) => placeholders(en[key as keyof typeof en]).join() !== placeholders(es[key as keyof typeof es]).join())
      .map((key) => `${key}: en {${placeholders(en[key as keyof typeof en]).join('}, {')}} / es {${placeholders(es[key as keyof typeof es]).join('}, {')}}`);
    expect(differing).toEqual([]);
  });

  it('have no empty message', () => {
    const empty = [...Object.entries(en).map(([k, v]) => ['en', k, v]), ...Object.entries(es).map(([k, v]) => ['es', k, v])]
      .filter(([, , text]) => text.trim() === '')
      .map(([language, key]) => `${language}: ${key}`);
    expect(empty).toEqual([]);
  });

  it('come from the same set of area files in both languages', () => {
    expect(catalogFiles('es'), 'files of app/i18n/es compared with app/i18n/en').toEqual(catalogFiles('en'));
  });

  it.each(['en', 'es'])('%s: every area file is merged, and no key is defined in two of them', async (language) => {
    const merged: Record<string, string> = language === 'en' ? en : es;
    const definedIn = new Map<string, string[]>();
    for (const file of catalogFiles(language)) {
      const messages = await areaMessages(language, file);
      expect(Object.keys(messages).length, `${language}/${file} exports no messages`).toBeGreaterThan(0);
      expect(missing(messages, merged), `keys of ${language}/${file} missing from the merged ${language} catalog`).toEqual([]);
      for (const key of Object.keys(messages)) definedIn.set(key, [...(definedIn.get(key) ?? []), file]);
    }
    const twice = [...definedIn].filter(([, files]) => files.length > 1).map(([key, files]) => `${key} in ${files.join(' and ')}`);
    expect(twice).toEqual([]);
  });

  it('have the same keys area by area', async () => {
    const differences: string[] = [];
    for (const file of catalogFiles('en').filter((name) => catalogFiles('es').includes(name))) {
      const [english, spanish] = await Promise.all([areaMessages('en', file), areaMessages('es', file)]);
      for (const key of missing(english, spanish)) differences.push(`es/${file} lacks ${key}`);
      for (const key of missing(spanish, english)) differences.push(`es/${file} has ${key}, which en/${file} does not`);
    }
    expect(differences).toEqual([]);
  });
});
