/**
 * The embedded PostgreSQL that `npm start` uses when DATABASE_URL is unset: first start,
 * restart, recovery after a crash, and a checkout the postgres user cannot enter.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withClient } from '../../scripts/db/database';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../scripts/db/embedded-postgres';
import { freePort } from '../support/free-port';

const quiet = () => {};
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A fresh directory standing in for a checkout, with its own port. */
async function checkout(parent = os.tmpdir()) {
  const dir = fs.mkdtempSync(path.join(parent, 'portal-checkout-'));
  fs.chmodSync(dir, 0o755); // like a clone: others may enter (mkdtemp makes it 0700)
  const port = await freePort();
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { dir, port };
}

async function start(dir: string, port: number, options: { watchEveryMs?: number } = {}) {
  const server = await startEmbeddedPostgres(dir, { log: quiet, port, ...options });
  cleanups.push(async () => {
    await server.stop();
    if (!server.dataDir.startsWith(dir)) fs.rmSync(path.dirname(server.dataDir), { recursive: true, force: true });
  });
  return server;
}

const answer = (server: EmbeddedServer) =>
  withClient(server.url('postgres'), async (client) => (await client.query('select 40 + 2 as n')).rows[0].n);

function postmasterPid(server: EmbeddedServer): number | null {
  try {
    return Number(fs.readFileSync(path.join(server.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, what: string) {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!condition()) throw new Error(`timed out waiting until ${what}`);
}

/** Starts the server from another Node process, which then just waits. */
async function holdInChild(dir: string, port: number) {
  const script = path.join(dir, 'hold.mts');
  const module = path.resolve('scripts/db/embedded-postgres.ts');
  fs.writeFileSync(
    script,
    `import { startEmbeddedPostgres } from ${JSON.stringify(module)};\n` +
      `const server = await startEmbeddedPostgres(${JSON.stringify(dir)}, { log: () => {}, port: ${port} });\n` +
      `process.on('SIGTERM', () => server.stop().then(() => process.exit(0)));\n` +
      `console.log('ready');\nsetInterval(() => {}, 1000);\n`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.push(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM'); // lets it stop the server it owns
    await exited;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => String(chunk).includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`the holding process exited early (${code})`)));
  });
  return child;
}

describe('embedded PostgreSQL', () => {
  it('initialises on first start, keeps its data, and stops cleanly', async () => {
    const { dir, port } = await checkout();
    const first = await start(dir, port);
    expect(first.owned).toBe(true);
    await withClient(first.url('postgres'), (c) => c.query('create table kept (n int); insert into kept values (7)'));
    const pid = postmasterPid(first)!;
    await first.stop();
    await waitUntil(() => !alive(pid), 'the server stopped');
    expect(postmasterPid(first)).toBeNull();

    const second = await start(dir, port);
    expect(await withClient(second.url('postgres'), async (c) => (await c.query('select n from kept')).rows[0].n)).toBe(7);
  });

  it('says what to do when the data has lost its password file', async () => {
    const { dir, port } = await checkout();
    const server = await start(dir, port);
    await server.stop();
    const settings = path.join(path.dirname(server.dataDir), 'postgres.json');
    fs.rmSync(settings);
    await expect(startEmbeddedPostgres(dir, { log: quiet, port })).rejects.toThrow(/lost its settings file .*postgres\.json/);
  });

  it('lets another process share a running server without stopping it', async () => {
    const { dir, port } = await checkout();
    const holder = await holdInChild(dir, port);
    const guest = await start(dir, port);
    expect(guest.owned).toBe(false);
    await guest.stop();
    expect(await answer(guest)).toBe(42); // still running: its owner is the other process
    expect(holder.exitCode).toBeNull();
  });

  it('hands the server over when its owner leaves first, and the last process to leave stops it', async () => {
    // Two test runs at once: the one that started the server must not stop it under the other.
    const { dir, port } = await checkout();
    const owner = await start(dir, port);
    expect(owner.owned).toBe(true);
    const guest = await holdInChild(dir, port);
    await owner.stop();
    expect(await answer(owner)).toBe(42);
    const pid = postmasterPid(owner)!;
    const exited = new Promise((resolve) => guest.once('exit', resolve));
    guest.kill('SIGTERM');
    await exited;
    await waitUntil(() => !alive(pid), 'the last user stopped the server');
  });

  it('recovers when the Node process that started it was killed with SIGKILL', async () => {
    const { dir, port } = await checkout();
    const child = await holdInChild(dir, port);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const next = await start(dir, port);
    expect(next.owned).toBe(true); // the orphaned server is adopted, and stopped by its new owner
    expect(await answer(next)).toBe(42);
  });

  it('starts again after the server itself was killed, leaving a stale postmaster.pid', async () => {
    const { dir, port } = await checkout();
    // Its owner's watch would restart it within seconds (tests/integration/database-restart.test.ts);
    // this is about the next start finding the stale lock file, so the first start does not watch.
    const first = await start(dir, port, { watchEveryMs: 0 });
    const pid = postmasterPid(first)!;
    process.kill(pid, 'SIGKILL');
    await waitUntil(() => !alive(pid), 'the killed server is gone');
    expect(postmasterPid(first)).toBe(pid); // the lock file is stale

    const second = await start(dir, port);
    expect(await answer(second)).toBe(42);
    expect(postmasterPid(second)).not.toBe(pid);
  });

  it('runs from a checkout that other users cannot enter', async () => {
    const locked = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-private-'));
    fs.chmodSync(locked, 0o700);
    cleanups.push(() => fs.rmSync(locked, { recursive: true, force: true }));
    const { dir, port } = await checkout(locked);
    const server = await start(dir, port);
    expect(await answer(server)).toBe(42);
    if (process.getuid?.() === 0) {
      // PostgreSQL runs as the postgres user, who cannot reach the checkout: the data lives
      // where it can, and the checkout records where.
      expect(server.dataDir.startsWith('/var/lib/oversight-portal/')).toBe(true);
      expect(fs.readFileSync(path.join(dir, '.data', 'postgres-location.txt'), 'utf8').trim()).toBe(server.dataDir);
    } else {
      // Not root: PostgreSQL runs as this user, who can reach the checkout.
      expect(server.dataDir).toBe(path.join(dir, '.data', 'postgres'));
    }
  });
});
