/**
 * What every portal instance loads at start-up (issue #11: the RSS while it serves public pages):
 * the PDF and Word writers and the password-strength dictionaries (together about 40 MB) are
 * loaded when first needed, so the server build must not import them statically. Read from the
 * last build (`npm test` builds before vitest runs).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectDir } from '../../scripts/db/database';

const LAZY = ['pdfkit', 'docx', '@zxcvbn-ts/core', '@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en'];

function staticImports(file: string): string[] {
  if (!fs.existsSync(file)) throw new Error(`No server build at ${file}: run \`npm run build\` first (\`npm test\` does).`);
  const code = fs.readFileSync(file, 'utf8');
  return [...code.matchAll(/^import\s[^;]*?from\s*"([^"]+)"/gm)].map((match) => match[1]!);
}

describe('the server build', () => {
  it('loads the PDF and Word writers and the password dictionaries only when first used', () => {
    for (const file of ['build/index.js', 'build/server.js']) {
      const imports = staticImports(path.join(projectDir, file));
      expect(imports.length, file).toBeGreaterThan(5); // the reader found the build's imports
      expect(imports.filter((name) => LAZY.includes(name)), file).toEqual([]);
    }
    const code = fs.readFileSync(path.join(projectDir, 'build/index.js'), 'utf8');
    for (const name of LAZY) expect(code, name).toContain(`import("${name}")`);
  });
});
