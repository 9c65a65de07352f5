// ESLint (flat config): typescript-eslint's recommended rules (not the type-checked ones, so
// lint stays fast) and the import boundaries of docs/architecture.md ("Rules checked by lint").
// tests/unit/lint-boundaries.test.ts proves each boundary rule reports a wrong import.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Imports that leave app/ for the command-line tools or the seed steps. Relative only: neither
// folder has an alias.
const seedsAndScripts = {
  regex: '^(\\.\\.?/)+(.*/)?(seeds|scripts)(/|$)',
  message: 'app/ must not import seeds/ or scripts/: move what the app needs into app/ (seeds and scripts may import app/).',
};

// The boundaries of the plain domain modules: no server module, no Prisma, no Remix.
const serverModules = {
  regex: '\\.server(\\.[cm]?[jt]sx?)?$',
  message: 'A plain domain module imports no *.server module: pass the values in, or move the shared type into a plain module.',
};
const prisma = {
  // Type-only imports (e.g. a generated enum's type) are erased at build time and allowed.
  regex: '^(@prisma/|prisma(/|$)|~/generated/prisma(/|$)|(\\.\\.?/)+(.*/)?generated/prisma(/|$))',
  allowTypeImports: true,
  message: 'A plain domain module does not use Prisma: the database work belongs in a *.server.ts module (type-only imports are allowed).',
};
const remix = {
  regex: '^@remix-run/',
  message: 'A plain domain module does not use Remix: that belongs in a route or a *.server.ts module.',
};

// Routes are entry points: what two routes share goes in a module outside app/routes/. A flat
// route file's sibling ('./x') is another route; a folder route (app/routes/x/route.tsx) keeps
// its own parts beside it, so './' is its own folder and '../' leaves it.
const routes = {
  regex: '^(~/routes(/|$)|\\./|\\.\\./routes(/|$))',
  message: 'A route imports no other route: move what they share into app/components/ or a feature module.',
};
const folderRoutes = {
  regex: '^(~/routes(/|$)|\\.\\./)',
  message: 'A route imports no other route: a folder route imports only its own files (./), or modules outside app/routes/.',
};

const restricted = (...patterns) => ['error', { patterns }];

/** The plain (pure) domain modules: every TypeScript module of these folders but *.server.ts and tests. */
const pureModules = ['app/{reporting,registry,dashboards,open-data,auth,policies}/*.{ts,tsx}'];

export default defineConfig(
  { ignores: ['app/generated/', 'build/', 'public/build/', '.cache/', '.data/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['prisma/cli-preload.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    rules: {
      // `_`-prefixed names are deliberately unused (e.g. a destructured field left out).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },

  // Functions people read in one go (docs/architecture.md, "Code that reads well"): one over
  // 100 lines is split into named parts, or says why it stays whole in an
  // `eslint-disable-next-line max-lines-per-function -- <why>` comment. Test suites are lists.
  {
    files: ['app/**/*.{ts,tsx}', 'server/**/*.ts', 'scripts/**/*.ts', 'seeds/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'max-lines-per-function': ['error', { max: 100, skipBlankLines: true, skipComments: true }] },
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  // Import boundaries. A file takes the options of the last block that matches it (options are
  // not merged), so each block repeats the patterns of the blocks before it.
  {
    files: ['app/**/*.{ts,tsx,js}'],
    rules: { 'no-restricted-imports': restricted(seedsAndScripts) },
  },
  {
    files: pureModules,
    ignores: ['**/*.server.{ts,tsx}', '**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': restricted(seedsAndScripts, serverModules, prisma, remix) },
  },
  {
    files: ['app/routes/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restricted(seedsAndScripts, routes) },
  },
  {
    files: ['app/routes/*/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restricted(seedsAndScripts, folderRoutes) },
  },
);
