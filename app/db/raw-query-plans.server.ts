/**
 * Query plans for raw SQL without Prisma's compiler. Prisma 6.19's client turns every query,
 * `$queryRaw` included, into a plan with its WebAssembly query compiler, on every call; for
 * raw SQL the plan only names the SQL, its arguments and their types (about 0.15 ms of CPU a
 * query, a sixth of a filing submission's time in the portal process).
 *
 * The plan of a raw query whose arguments are plain (integers, strings, booleans, nulls, dates,
 * and lists of one kind of those) is kept per SQL text and kind of each argument, as the
 * compiler made it the first time; the next call with the same SQL and kinds gets that plan
 * with its own arguments. The compiler's plan is kept only when its arguments were exactly the
 * call's (a date as its ISO text), so a kind of argument whose plan is anything else (or that
 * is not listed here: decimals, JSON, bytes, big integers) always goes to the compiler. Checked
 * against the compiler for each kind by tests/unit/raw-query-plans.test.ts.
 */
// The compiler's JavaScript side, loaded once by Prisma's generated client from the same file.
import { QueryCompiler } from '@prisma/client/runtime/query_compiler_bg.postgresql.mjs';

interface RawPlan {
  type: 'query' | 'execute';
  args: { type: 'rawSql'; sql: string; args: unknown[]; argTypes: unknown[] };
}

const MAX_PLANS = 2_000;
const plans = new Map<string, { type: RawPlan['type']; argTypes: unknown[] }>();
let hits = 0;
let checkAgainstCompiler = false;

/** How many plans were taken from the cache so far (tests). */
export const rawPlanHits = () => hits;

/** Tests: compile every cached plan too, and throw if the two differ in any way. */
export function checkRawPlansAgainstCompiler(on: boolean) {
  checkAgainstCompiler = on;
}

/** A value's kind, or null when its plan must come from the compiler. */
function kindOf(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
      return 's';
    case 'boolean':
      return 'b';
    case 'number':
      // Not fractions: the compiler reads some (1.0003367398615401e-182) to a neighbouring double.
      if (!Number.isInteger(value)) return null;
      return Math.abs(value) <= 2_147_483_647 ? 'i' : Number.isSafeInteger(value) ? 'l' : null;
    case 'object':
      if (value === null) return 'n';
      if ((value as { prisma__type?: unknown }).prisma__type === 'date' && typeof (value as { prisma__value?: unknown }).prisma__value === 'string') return 'd';
      return null;
    default:
      return null;
  }
}

/** An argument's kind and its value in the plan; lists of one kind (nulls allowed) only. */
function argument(value: unknown): { kind: string; arg: unknown } | null {
  if (!Array.isArray(value)) {
    const kind = kindOf(value);
    return kind === null ? null : { kind, arg: kind === 'd' ? (value as { prisma__value: string }).prisma__value : value };
  }
  let element: string | null = null;
  const args: unknown[] = [];
  for (const item of value) {
    const kind = kindOf(item);
    if (kind === null || Array.isArray(item)) return null;
    if (kind !== 'n') {
      if (element !== null && element !== kind) return null;
      element = kind;
    }
    args.push(kind === 'd' ? (item as { prisma__value: string }).prisma__value : item);
  }
  return { kind: `[${value.length === 0 ? '' : (element ?? 'n')}]`, arg: args };
}

function samePlanArguments(compiled: unknown[], ours: unknown[]): boolean {
  return JSON.stringify(compiled) === JSON.stringify(ours);
}

type Compile = (this: QueryCompiler, request: string) => unknown;

/** Installs the cache in front of the compiler (once). */
export function installRawQueryPlans() {
  const prototype = QueryCompiler.prototype as unknown as { compile: Compile & { rawPlans?: true } };
  if (prototype.compile.rawPlans) return;
  const compile = prototype.compile;
  const cached: Compile & { rawPlans?: true } = function (this: QueryCompiler, request: string) {
    const parsed = rawRequest(request);
    if (!parsed) return compile.call(this, request);
    const key = `${parsed.sql}\u0000${parsed.kinds}`;
    const known = plans.get(key);
    if (known) {
      hits += 1;
      const plan: RawPlan = { type: known.type, args: { type: 'rawSql', sql: parsed.sql, args: parsed.args, argTypes: known.argTypes } };
      if (checkAgainstCompiler) {
        const compiled = JSON.stringify(compile.call(this, request));
        if (compiled !== JSON.stringify(plan)) throw new Error(`raw query plan differs from the compiler's:\n${JSON.stringify(plan)}\n${compiled}`);
      }
      return plan;
    }
    const plan = compile.call(this, request) as RawPlan;
    const shapeOk =
      plan && typeof plan === 'object' && Object.keys(plan).join() === 'type,args' && (plan.type === 'query' || plan.type === 'execute') &&
      Object.keys(plan.args).join() === 'type,sql,args,argTypes' && plan.args.type === 'rawSql' && plan.args.sql === parsed.sql;
    if (shapeOk && samePlanArguments(plan.args.args, parsed.args)) {
      if (plans.size >= MAX_PLANS) plans.clear();
      plans.set(key, { type: plan.type, argTypes: deepFreeze(structuredClone(plan.args.argTypes)) });
    }
    return plan;
  };
  cached.rawPlans = true;
  prototype.compile = cached;
}

/** The SQL, arguments and their kinds of a raw query's request, or null for anything else. */
function rawRequest(request: string): { sql: string; args: unknown[]; kinds: string } | null {
  // Cheap test first: model queries never go this way.
  if (!request.startsWith('{"action":"queryRaw"') && !request.startsWith('{"action":"executeRaw"')) return null;
  const body = JSON.parse(request) as { action: string; modelName?: unknown; query?: { arguments?: { query?: unknown; parameters?: unknown }; selection?: unknown } };
  const query = body.query?.arguments?.query;
  const parameters = body.query?.arguments?.parameters;
  if (body.modelName !== undefined || typeof query !== 'string' || typeof parameters !== 'string') return null;
  const values = JSON.parse(parameters) as unknown;
  if (!Array.isArray(values)) return null;
  const args: unknown[] = [];
  const kinds: string[] = [];
  for (const value of values) {
    const found = argument(value);
    if (!found) return null;
    args.push(found.arg);
    kinds.push(found.kind);
  }
  return { sql: query, args, kinds: kinds.join(',') };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
