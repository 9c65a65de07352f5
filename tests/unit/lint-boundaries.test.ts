/**
 * The import boundaries of docs/architecture.md are ESLint rules (eslint.config.js): this test
 * lints deliberately wrong imports with the project's own config and checks each one is refused,
 * and that the right ones pass.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The boundary errors ESLint reports for `code` placed at `file` (relative to the project). */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(root, file) });
  const other = result.messages.filter((m) => m.ruleId !== 'no-restricted-imports' && m.ruleId !== '@typescript-eslint/no-unused-vars');
  expect(other, 'only the import under test is reported').toEqual([]);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('plain domain modules', () => {
  const pure = 'app/reporting/lint-probe.ts';

  it('import no *.server module, not even its types', async () => {
    expect(await boundaryErrors(pure, "import { prisma } from '~/db/prisma.server';")).toEqual([
      expect.stringMatching(/imports no \*\.server module/),
    ]);
    expect(await boundaryErrors('app/registry/lint-probe.ts', "import type { Db } from '~/db/prisma.server';")).toHaveLength(1);
    expect(await boundaryErrors('app/auth/lint-probe.ts', "import { getActor } from './access.server';")).toHaveLength(1);
  });

  it('use no Prisma, but may import its generated types', async () => {
    expect(await boundaryErrors(pure, "import { PrismaClient } from '@prisma/client';")).toEqual([expect.stringMatching(/does not use Prisma/)]);
    expect(await boundaryErrors(pure, "import { Role } from '~/generated/prisma/enums';")).toHaveLength(1);
    expect(await boundaryErrors(pure, "import type { Role } from '~/generated/prisma/enums';")).toEqual([]);
  });

  it('use no Remix', async () => {
    expect(await boundaryErrors('app/dashboards/lint-probe.ts', "import { json } from '@remix-run/node';")).toEqual([
      expect.stringMatching(/does not use Remix/),
    ]);
  });

  it('may import other plain modules and libraries', async () => {
    expect(await boundaryErrors(pure, "import { z } from 'zod';\nimport { addDays } from './calendar';\nimport { MODELS } from '~/registry/models';")).toEqual([]);
  });

  it('leave *.server.ts modules and tests of those folders free to use the database', async () => {
    expect(await boundaryErrors('app/reporting/lint-probe.server.ts', "import { prisma } from '~/db/prisma.server';")).toEqual([]);
    expect(await boundaryErrors('app/reporting/lint-probe.test.ts', "import { prisma } from '~/db/prisma.server';")).toEqual([]);
  });
});

describe('app/', () => {
  it('imports nothing from seeds/ or scripts/', async () => {
    const seedsError = [expect.stringMatching(/must not import seeds\/ or scripts\//)];
    expect(await boundaryErrors('app/open-data/lint-probe.server.ts', "import { SEED_STEPS } from '../../seeds/index';")).toEqual(seedsError);
    expect(await boundaryErrors('app/db/lint-probe.server.ts', "import { projectDir } from '../../scripts/db/database';")).toEqual(seedsError);
    expect(await boundaryErrors('app/reporting/lint-probe.ts', "import { x } from '../../seeds/demo-accounts';")).toEqual(seedsError);
    expect(await boundaryErrors('app/routes/lint-probe.tsx', "import { x } from '../../seeds/demo-accounts';")).toEqual(seedsError);
  });

  it('while seeds/, scripts/ and tests may import app/', async () => {
    expect(await boundaryErrors('seeds/lint-probe.ts', "import { DEMO_PASSWORD } from '~/auth/demo-password';\nimport { x } from './index';")).toEqual([]);
    expect(await boundaryErrors('scripts/lint-probe.ts', "import { prisma } from '~/db/prisma.server';\nimport { x } from '../seeds/index';")).toEqual([]);
  });
});

describe('routes', () => {
  const route = 'app/routes/lint-probe.tsx';

  it('import no other route', async () => {
    const routeError = [expect.stringMatching(/imports no other route/)];
    expect(await boundaryErrors(route, "import { loader } from '~/routes/search';")).toEqual(routeError);
    expect(await boundaryErrors(route, "import { loader } from './search';")).toEqual(routeError);
    expect(await boundaryErrors(route, "import { loader } from '../routes/search';")).toEqual(routeError);
  });

  it('in a folder route, import their own parts but no other route', async () => {
    const part = 'app/routes/lint-probe/route.tsx';
    const routeError = [expect.stringMatching(/imports no other route/)];
    expect(await boundaryErrors(part, "import { PolicyList } from './policy-list';\nimport { x } from './page.server';")).toEqual([]);
    expect(await boundaryErrors(part, "import { loader } from '../search';")).toEqual(routeError);
    expect(await boundaryErrors(part, "import { loader } from '~/routes/search';")).toEqual(routeError);
  });

  it('may import components, server modules and plain modules', async () => {
    const code = "import { SearchForm } from '~/components/search-form';\nimport { prisma } from '~/db/prisma.server';\nimport { json } from '@remix-run/node';\nimport { placeQuery } from '~/registry/names';";
    expect(await boundaryErrors(route, code)).toEqual([]);
  });
});
