/** Child processes of a bench run: servers started and stopped by their own pid, RSS sampling, ports. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface Server {
  child: ChildProcess;
  pid: number;
  port: number;
  /** The process's output so far (for the report when it fails). */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `command args` in its own process group (so npm's children stop with it) and keeps the
 * tail of its output. stop() sends SIGTERM to that group, then SIGKILL after 10 s.
 */
export function startProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; port: number; logFile?: string }): Server {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
    if (options.logFile) fs.appendFileSync(options.logFile, chunk);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    pid: child.pid!,
    port: options.port,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const signalGroup = (signal: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          // already gone
        }
      };
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers `status` (default any 2xx); resolves with the milliseconds waited. */
export async function waitForHttp(url: string, options: { timeoutMs: number; intervalMs?: number; alive?: () => boolean }): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (options.alive && !options.alive()) throw new Error(`the process exited before ${url} answered`);
    if (performance.now() - started > options.timeoutMs) throw new Error(`${url} did not answer within ${options.timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 200));
  }
}

/** Resident set size of a process in bytes (VmRSS), or null when it is gone. */
export function rssOf(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every 250 ms: overall max, the latest value, and the max per named phase. */
export class RssSampler {
  max = 0;
  last = 0;
  samples = 0;
  readonly phases: Record<string, number> = {};
  private phase = 'start-up';
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 250);
    this.sample();
  }

  sample() {
    const rss = rssOf(this.pid);
    if (rss === null) return;
    this.samples++;
    this.last = rss;
    this.max = Math.max(this.max, rss);
    this.phases[this.phase] = Math.max(this.phases[this.phase] ?? 0, rss);
  }

  enter(phase: string) {
    this.sample();
    this.phase = phase;
    this.sample();
  }

  stop() {
    this.sample();
    clearInterval(this.timer);
  }
}

/** CPU time (user + system) of a process in clock ticks, or null when it is gone. */
function cpuTicks(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  } catch {
    return null;
  }
}

/**
 * Waits until the process has used about 10 % of a core or less for 300 ms: requests a load generator
 * abandoned at the end of a measurement are still being served, and would slow the next one.
 * Resolves with the milliseconds waited (capped at maxMs).
 */
export async function waitForIdle(pid: number, maxMs = 60_000): Promise<number> {
  const started = performance.now();
  let before = cpuTicks(pid);
  while (before !== null && performance.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = cpuTicks(pid);
    if (now === null || now - before <= 3) break; // 3 ticks of 10 ms in 300 ms
    before = now;
  }
  return performance.now() - started;
}
