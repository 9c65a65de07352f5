/**
 * The driver adapter the Prisma CLI (migrate, db execute) uses with its WASM schema engine.
 *
 * Prisma 7's CLI needs a native engine downloaded from a host these machines cannot reach, so
 * the project pins Prisma 6.19.3 and runs its schema engine in WASM through @prisma/adapter-pg.
 * That path has three rough edges; the workarounds all live in this file:
 *
 * 1. The engine reads pg_catalog columns of type `name` (oid 19) and `"char"` (oid 18), which
 *    the pg adapter cannot map ("Column type 'name' could not be deserialized"). pg already
 *    returns both as strings, so we report them to the adapter as text (oid 25).
 *    Upstream: prisma/orm issue 27403.
 * 2. `migrate dev` asks for a shadow database. The adapter derives it from the main
 *    connection string, which wins over its `database` override, so the "shadow" was the
 *    main database. We create a uniquely named shadow database ourselves and drop it
 *    WITH (FORCE) only after its pool is closed.
 * 3. The CLI process lingered 10 s or more after finishing, on the engine's long timers and
 *    idle pool connections. prisma/cli-preload.cjs unrefs long timers (every project script
 *    runs the CLI through runPrismaCli in scripts/db/database.ts, which preloads it), and the
 *    pools below close idle connections quickly.
 * 4. The adapter runs a migration script by splitting it on every ";", which breaks SQL with
 *    semicolons inside a string or a function body (our append-only trigger). We send the
 *    whole script in one simple query instead, which PostgreSQL runs statement by statement.
 */
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';

const TEXT_OID = 25;
const CATALOG_OIDS = new Set([18, 19]);

function asText(res: pg.QueryResult | pg.QueryResult[] | undefined) {
  for (const r of Array.isArray(res) ? res : [res]) {
    for (const field of r?.fields ?? []) {
      if (CATALOG_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
  }
  return res;
}

/** A pg client that reports `name` and `"char"` result columns as text. */
class CatalogFriendlyClient extends pg.Client {
  // pg's query() has many overloads: the pool calls it with a callback, the adapter's
  // transactions with a promise. Post-process both.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- stands for all of pg's overloads
  query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (err: Error | null, res: pg.QueryResult) => last(err, err ? res : asText(res));
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
    const result = (super.query as (...a: any[]) => any)(...args);
    return result && typeof result.then === 'function' ? result.then(asText) : result;
  }
}

function poolConfig(connectionString: string, database?: string): pg.PoolConfig {
  const url = new URL(connectionString);
  if (database) url.pathname = `/${database}`;
  return { connectionString: url.toString(), Client: CatalogFriendlyClient, idleTimeoutMillis: 200 };
}

type Adapter = Awaited<ReturnType<PrismaPg['connect']>>;

function runScriptsWhole(adapter: Adapter): Adapter {
  const pool = adapter.underlyingDriver() as pg.Pool;
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      (adapter as unknown as { onError(error: unknown): never }).onError(error);
    }
  };
  return adapter;
}

class CliPrismaPg extends PrismaPg {
  constructor(private readonly connectionString: string) {
    super(new pg.Pool(poolConfig(connectionString)), { disposeExternalPool: true });
  }

  async connect() {
    return runScriptsWhole(await super.connect());
  }

  async connectToShadowDb() {
    const shadowName = `prisma_shadow_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: this.connectionString });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${shadowName}"`);
    } finally {
      await admin.end();
    }
    const shadow = new PrismaPg(new pg.Pool(poolConfig(this.connectionString, shadowName)), {
      disposeExternalPool: true,
    });
    const adapter = runScriptsWhole(await shadow.connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const dropper = new pg.Client({ connectionString: this.connectionString });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    };
    return adapter;
  }
}

export function cliAdapter(connectionString: string) {
  return new CliPrismaPg(connectionString);
}
