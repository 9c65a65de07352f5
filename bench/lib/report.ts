/** bench/report.md and bench/report.json (demo scale: report-demo.*) from a run's results. */
import fs from 'node:fs';
import path from 'node:path';
import type { Report } from '../run';

const MiB = 2 ** 20;
const num = (value: number | null | undefined, digits = 1) => (value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));
const int = (value: number | null | undefined) =>
  value === null || value === undefined || !Number.isFinite(value) ? '–' : Math.round(value).toLocaleString('en-US');
const mib = (bytes: number | null | undefined) => (bytes ? `${(bytes / MiB).toFixed(0)} MiB` : '–');
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

export function renderMarkdown(report: Report): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  push(`# Benchmark report (${report.scale} scale)`, '');
  push(`Run ${report.startedAt} → ${report.finishedAt} (${num(report.wallSeconds / 60)} min wall time) with \`npm run bench -- --scale ${report.scale}\`.`);
  push(
    `Machine: ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGiB} GiB, Node ${
      report.machine.node
    }; load average at start ${report.machine.loadAverageStart.map((v) => v.toFixed(1)).join(' / ')}, at end ${report.machine.loadAverageEnd
      .map((v) => v.toFixed(1))
      .join(
        ' / '
      )} (other work on the machine shares its cores, so absolute numbers vary; ratios to the trivial route, measured in the same rounds, vary less).`
  );
  push(
    `Each measurement: autocannon for ${report.options.duration} s (${Math.round(
      1.6 * report.options.duration
    )} s at 50 connections), after waiting for the portal to be idle; ${
      report.options.rounds
    } interleaved rounds, medians over rounds. NODE_ENV of the portal: ${report.options.nodeEnv}.`,
    ''
  );

  push('## Database', '');
  const db = report.database;
  push(
    `\`${db.name}\`: ${db.reused ? 'reused (generated earlier by the same generator version)' : `generated in ${num(db.generationSeconds, 0)} s`}; size ${mib(
      db.sizeBytes
    )}. Audit chain after generation: ${(db.chainAfterGeneration || '–').replace(/\.$/, '')}.`,
    ''
  );
  if (Object.keys(db.steps).length)
    push(
      table(
        ['Generation step', 'Seconds'],
        Object.entries(db.steps).map(([step, seconds]) => [step, num(seconds)])
      ),
      ''
    );
  if (Object.keys(db.rows).length)
    push(
      table(
        ['Table', 'Rows (after the run)'],
        Object.entries(db.rows).map(([name, rows]) => [name, int(rows)])
      ),
      ''
    );

  push('## Throughput and latency', '');
  push(
    "Ratio: the target's median req/s divided by the trivial route's median req/s at the same number of connections, in the same run. p50/p99: median over rounds of each round's latency percentile (ms). Non-2xx and errors: summed over rounds.",
    ''
  );
  const rows: string[][] = [];
  for (const target of report.targets) {
    for (const [connections, r] of Object.entries(target.byConnections)) {
      rows.push([
        target.label,
        connections,
        num(r.rps),
        r.ratio === null ? '–' : num(r.ratio, 2),
        num(r.p50, 0),
        num(r.p99, 0),
        `${r.non2xx} / ${r.errors}`,
        `\`${target.path}\``,
      ]);
    }
  }
  push(table(['Target', 'Conn.', 'req/s', 'Ratio to trivial', 'p50 ms', 'p99 ms', 'Non-2xx / errors', 'URL'], rows), '');
  const trivial = report.targets.find((t) => t.key === 'trivial');
  const bare = report.targets.find((t) => t.key === 'bare');
  if (trivial && bare) {
    push(
      `Trivial route vs bare Remix 2 route: ${Object.keys(trivial.byConnections)
        .map(
          (c) =>
            `${c} conn. ${num(trivial.byConnections[c]?.rps)} vs ${num(bare.byConnections[c]?.rps)} req/s (×${num(
              (trivial.byConnections[c]?.rps ?? NaN) / (bare.byConnections[c]?.rps ?? NaN),
              2
            )})`
        )
        .join('; ')}.`,
      ''
    );
  }
  if (Object.keys(report.cold).length) {
    push(
      `First request of each target after start-up (ms): ${Object.entries(report.cold)
        .map(([key, cold]) => `${key} ${cold.ms}${cold.status !== 200 ? ` (HTTP ${cold.status})` : ''}`)
        .join(', ')}.`,
      ''
    );
  }

  push('## Filing submissions (POST /api/v1/filings)', '');
  const sub = report.submissions;
  if (sub) {
    push(
      `Each request files a new period for one of ${sub.agencies} agencies (${int(sub.periodsPrepared)} open periods prepared in ${num(
        sub.setupSeconds
      )} s, a new requirement per agency per run, tokens made with createApiToken).`,
      ''
    );
    push(
      table(
        ['Concurrent', 'Accepted/s', 'p50 ms', 'p99 ms', 'Non-2xx / errors', 'Statuses'],
        sub.levels.map((l) => [
          String(l.connections),
          num(l.okRps),
          num(l.p50, 0),
          num(l.p99, 0),
          `${l.non2xx} / ${l.errors}`,
          Object.entries(l.statusCodes)
            .map(([c, n]) => `${c}: ${n}`)
            .join(', '),
        ])
      ),
      ''
    );
    push(
      `Audit chain afterwards (npm run audit:verify's script, ${num(sub.chainAfter?.seconds)} s): **${sub.chainAfter?.valid ? 'valid' : 'NOT VALID'}** — ${
        sub.chainAfter?.output ?? '–'
      }`,
      ''
    );
    if (sub.sampleRefusal) push(`A refused request answered: \`${sub.sampleRefusal.replace(/`/g, "'").replace(/\n/g, ' ')}\``, '');
  } else push('Not measured (see failures).', '');

  push('## Page weight and compression', '');
  push(
    'HTML bytes as served without Accept-Encoding; JS: every /build/*.js the HTML references (script, modulepreload, inline module imports), gzipped here with zlib level 6; "Server encoding": Content-Encoding answered to `Accept-Encoding: gzip, br` for the HTML and for the largest JS file.',
    ''
  );
  push(
    table(
      ['Page', 'Status', 'HTML', 'HTML gz', 'JS files', 'JS raw', 'JS gz', 'CSS gz', 'Server encoding HTML / JS', 'HTML on the wire'],
      report.sizes.map((s) => [
        s.page,
        String(s.status),
        kb(s.htmlBytes),
        kb(s.htmlGzipBytes),
        String(s.jsFiles),
        kb(s.jsBytes),
        kb(s.jsGzipBytes),
        kb(s.cssGzipBytes),
        `${s.contentEncoding || 'none'} / ${s.jsContentEncoding || 'none'}`,
        kb(s.htmlTransferBytes),
      ])
    ),
    ''
  );

  push('## Conditional requests (ETag)', '');
  push(
    table(
      ['Page', 'ETag', 'Cache-Control', 'Repeat with If-None-Match'],
      report.conditional.map((c) => [
        c.page,
        c.etag ? `\`${c.etag}\`` : 'none',
        c.cacheControl ?? '–',
        c.conditionalStatus === null ? 'not possible (no ETag)' : c.conditionalStatus === 304 ? '304' : `${c.conditionalStatus} (not 304)`,
      ])
    ),
    ''
  );

  push('## CSV exports vs COPY … TO STDOUT', '');
  push(
    'Each export downloaded once (whole body); COPY of comparable rows (the counted figures of the same agencies, or the agreements) through `pg` on the same database. RSS: portal max while downloading.',
    ''
  );
  push(
    table(
      ['Export', 'Status', 'Seconds', 'First byte s', 'Size', 'Lines', 'Portal RSS max', 'COPY s', 'COPY lines', 'Export / COPY time'],
      report.csv.map((c) => [
        `${c.name} (\`${c.path}\`)`,
        String(c.status),
        num(c.seconds, 2),
        num(c.firstByteSeconds, 2),
        kb(c.bytes),
        int(c.lines),
        mib(c.rssMaxBytes),
        c.copy ? num(c.copy.seconds, 2) : '–',
        c.copy ? int(c.copy.rows) : '–',
        c.copy ? `×${num(c.seconds / c.copy.seconds, 1)}` : '–',
      ])
    ),
    ''
  );

  push('## Memory (RSS of the portal process)', '');
  const rss = report.rss.portal;
  if (rss) {
    push(
      `Sampled every 250 ms from /proc/<pid>/status (${rss.samples} samples): max **${mib(rss.maxBytes)}**, at the end ${mib(
        rss.endBytes
      )}. Bare Remix app: max ${mib(report.rss.bare?.maxBytes)}.`,
      ''
    );
    push(
      table(
        ['Phase', 'RSS max'],
        Object.entries(rss.phases).map(([phase, bytes]) => [phase, mib(bytes)])
      ),
      ''
    );
  }

  push('## `npm start`: time to first page', '');
  if (report.startTime) {
    push(
      `From spawning \`npm start\` (build check, migrate/seed check, server start) to the first 200 of GET /: ${report.startTime.runs
        .map((r, i) => `start ${i + 1}: ${r.ms === null ? `failed (${r.error?.slice(0, 200)})` : `${int(r.ms)} ms${r.rebuilt ? ' (rebuilt)' : ''}`}`)
        .join('; ')}. Warm (second start): **${report.startTime.warmMs === null ? '–' : `${int(report.startTime.warmMs)} ms`}**.`,
      ''
    );
  } else push('Not measured (see failures).', '');

  push('## Builds', '');
  push(
    table(
      ['What', 'OK', 'Seconds', 'Note'],
      Object.entries(report.build).map(([what, b]) => [what, b.ok ? 'yes' : 'no', num(b.seconds), b.note])
    ),
    ''
  );

  push('## Background jobs during the run', '');
  push(
    report.jobs.length
      ? [
          '| Job | Trigger | Outcome | Seconds | Detail |',
          '| --- | --- | --- | --- | --- |',
          ...report.jobs.map((job) => `| ${job.job} | ${job.trigger} | ${job.outcome}${job.error ? `: ${job.error.slice(0, 200)}` : ''} | ${job.seconds === null ? '–' : job.seconds.toFixed(1)} | \`${job.detail}\` |`),
        ].join('\n')
      : 'None ran.',
    ''
  );

  push('## Failures', '');
  push(report.failures.length ? report.failures.map((f) => `- ${f.what}: ${f.error.replace(/\n/g, ' ').slice(0, 600)}`).join('\n') : 'None.', '');
  return out.join('\n');
}

/** Writes the report files; returns their paths relative to the project. */
export function writeReport(report: Report, dir: string, scale: string): string[] {
  const base = scale === 'national' ? 'report' : `report-${scale}`;
  fs.writeFileSync(path.join(dir, `${base}.json`), `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, `${base}.md`), renderMarkdown(report));
  return [`bench/${base}.md`, `bench/${base}.json`];
}
