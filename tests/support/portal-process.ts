/**
 * A real portal server in its own process (the built app, as `npm start` runs it), for tests
 * that must see HTTP as a browser does: headers, cookies, same-origin checks, two instances.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectDir } from '../../scripts/db/database';
import { freePort } from './free-port';

export interface PortalProcess {
  origin: string;
  /** The server process's id (to read its memory, or to see that it is still the same process). */
  pid: number;
  /** Everything it printed so far. */
  output: () => string;
  stop: () => Promise<void>;
}

export async function startPortalProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<PortalProcess> {
  if (!fs.existsSync(path.join(projectDir, 'build', 'server.js'))) {
    throw new Error('The app is not built: run `npm run build` first (npm test does).');
  }
  const port = await freePort();
  // The server bundle, as `npm start` runs it (scripts/build-server.ts).
  const child: ChildProcess = spawn(process.execPath, [path.join('build', 'server.js')], {
    cwd: projectDir,
    // ICE_FETCH_SCHEDULE=off: a test's portal never reaches out to ice.gov on its own.
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', ICE_FETCH_SCHEDULE: 'off', MAIL_SCHEDULE: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The portal exited early:\n${output}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The portal did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    origin,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
