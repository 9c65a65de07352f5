/**
 * npm run import:ice -- <file> [--dry-run] [--json] [--as-of YYYY-MM-DD]
 *
 * Imports one of ICE's 287(g) lists (participating or pending; XLSX or CSV) into the registry
 * of the portal's database, or with --dry-run shows what would change without writing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createPrismaClient } from '~/db/prisma.server';
import { translator } from '~/i18n/i18n';
import { ImportRefusedError, importIceList, type ImportResult } from '~/registry/ice-import.server';
import { IceListError, MODEL_LABELS } from '~/registry/ice-list';
import { messagesText } from '~/registry/ice-list-messages';
import { openPreparedDatabase } from './db/prepare';

/** The importer's refusals and warnings are message codes; the command line words them in English. */
const english = translator('en');

const USAGE = 'Usage: npm run import:ice -- <file.xlsx|file.csv> [--dry-run] [--json] [--as-of YYYY-MM-DD] [--allow-mass-end]';

const Args = z.object({
  file: z.string({ error: 'Name the ICE list to import.' }),
  dryRun: z.boolean(),
  json: z.boolean(),
  allowMassEnd: z.boolean(),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '--as-of must be a date written YYYY-MM-DD, e.g. 2025-07-18.')
    .optional(),
});

function fail(message: string, code = 1): never {
  console.error(`import:ice: ${message}`);
  process.exit(code);
}

function readArgs() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'as-of': { type: 'string' },
        'allow-mass-end': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (parsed.positionals.length > 1) fail(`Import one file at a time.\n${USAGE}`, 2);
  const args = Args.safeParse({
    file: parsed.positionals[0],
    dryRun: parsed.values['dry-run'],
    json: parsed.values.json,
    allowMassEnd: parsed.values['allow-mass-end'],
    asOf: parsed.values['as-of'],
  });
  if (!args.success) fail(`${args.error.issues.map((issue) => issue.message).join('\n')}\n${USAGE}`, 2);
  return args.data;
}

function describe(result: ImportResult): string {
  const lines = [
    `${result.dryRun ? 'Dry run (nothing written): ' : ''}ICE ${result.listKind} list of ${result.asOf}, ${result.fileName}: ${result.rowsRead} rows`,
    `  new ${result.counts.new}, changed ${result.counts.changed}, ended ${result.counts.ended}, unchanged ${result.counts.unchanged}`,
  ];
  for (const change of result.changes) {
    if (change.kind === 'unchanged') continue;
    if (change.kind === 'ended') {
      const { stateCode, agencyName, model } = change.agreement;
      lines.push(`  ended    ${stateCode} ${agencyName}: ${MODEL_LABELS[model]} (on ${change.endedOn})`);
      continue;
    }
    const what = `${change.row.stateCode} ${change.row.agencyName}: ${MODEL_LABELS[change.row.model]}`;
    if (change.kind === 'new') lines.push(`  new      ${what} (${change.status.toLowerCase()})`);
    else lines.push(`  changed  ${what}: ${change.fields.map((f) => `${f} ${change.before[f] ?? '-'} → ${change.after[f] ?? '-'}`).join(', ')}`);
  }
  for (const warning of result.warnings) {
    lines.push(`  warning  row ${warning.rowNumber}: ${warning.messages ? messagesText(english, warning.messages) : warning.message}`);
  }
  lines.push(`  active agreements in NC: ${result.activeByState.NC ?? 0}`);
  return lines.join('\n');
}

const args = readArgs();
if (!fs.existsSync(args.file)) fail(`No such file: ${args.file}`);
const bytes = fs.readFileSync(args.file);
// Logs go to stderr so that --json prints exactly one JSON document on stdout.
const db = await openPreparedDatabase((message) => console.error(message));
const prisma = createPrismaClient(db.url);
let exitCode = 0;
try {
  const result = await importIceList(prisma, {
    bytes,
    fileName: path.basename(args.file),
    asOf: args.asOf,
    dryRun: args.dryRun,
    allowMassEnd: args.allowMassEnd,
    importedBy: `cli:${os.userInfo().username}`,
  });
  if (args.json) {
    const { changes, ...summary } = result;
    const compact = changes
      .filter((change) => change.kind !== 'unchanged')
      .map((change) =>
        change.kind === 'ended'
          ? { kind: change.kind, state: change.agreement.stateCode, agency: change.agreement.agencyName, model: change.agreement.model, endedOn: change.endedOn }
          : { kind: change.kind, state: change.row.stateCode, agency: change.row.agencyName, model: change.row.model, ...(change.kind === 'changed' ? { fields: change.fields } : {}) },
      );
    console.log(JSON.stringify({ ...summary, changes: compact }, null, 2));
  } else {
    console.log(describe(result));
  }
} catch (error) {
  if (error instanceof IceListError || error instanceof ImportRefusedError) {
    console.error(`import:ice: ${args.file}: ${messagesText(english, error.messages)}\nThe registry was not changed.`);
    exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await prisma.$disconnect();
  await db.close();
}
process.exit(exitCode);
