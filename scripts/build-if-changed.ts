/**
 * `npm start` runs this before the server: it runs `remix build` only when what the build is
 * made of changed since the last build (a fresh clone, a pull, an edit). The fingerprint is a
 * hash of the sources' paths and contents, not their times, so a checkout that touches every
 * file does not force a rebuild and an edit within the same second is not missed.
 * `npm run build` passes --force: it always builds, and stamps the result.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { projectDir } from './db/database';

/** What the build reads: the app (with the generated Prisma client), its config and its dependencies. */
const INPUTS = ['app', 'remix.config.js', 'tsconfig.json', 'package-lock.json', 'public'];
const SKIP = new Set([path.join('public', 'build')]);
const STAMP = path.join(projectDir, 'build', '.sources-sha256');

function* files(relative: string): Generator<string> {
  if (SKIP.has(relative)) return;
  const absolute = path.join(projectDir, relative);
  const stat = fs.statSync(absolute, { throwIfNoEntry: false });
  if (!stat) return;
  if (!stat.isDirectory()) {
    yield relative;
    return;
  }
  for (const name of fs.readdirSync(absolute).sort()) yield* files(path.join(relative, name));
}

export function sourcesFingerprint(): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of files(input)) hash.update(`${file}\0`).update(fs.readFileSync(path.join(projectDir, file))).update('\0');
  }
  return hash.digest('hex');
}

const fingerprint = sourcesFingerprint();
const built = fs.existsSync(path.join(projectDir, 'build', 'index.js')) && fs.existsSync(path.join(projectDir, 'public', 'build'));
const force = process.argv.includes('--force');
if (!force && built && fs.readFileSync(STAMP, { encoding: 'utf8', flag: 'a+' }).trim() === fingerprint) {
  console.log('The build is up to date with the sources: not rebuilding.');
} else {
  execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['remix', 'build'], { cwd: projectDir, stdio: 'inherit' });
  fs.writeFileSync(STAMP, `${fingerprint}\n`);
}
