// ESLint for the whole repo, with the import boundaries of docs/architecture.md. Loaded through the
// root eslint.config.js; it lives here so that its plugins resolve TypeScript 5.9 from tools/ (the
// root's TypeScript 7 is native and has no compiler API for them).
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// typescript-eslint's helpers (ts-api-utils) are hoisted to the root, where `typescript` is the native
// TypeScript 7 without a compiler API: send every `require('typescript')` of this process to ours,
// before the plugins load (hence the dynamic imports below).
const ours = createRequire(import.meta.url).resolve('typescript');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'typescript' ? ours : resolve.call(this, request, ...rest);
};
const { default: js } = await import('@eslint/js');
const { default: tseslint } = await import('typescript-eslint');
const { default: reactHooks } = await import('eslint-plugin-react-hooks');
const { default: importX } = await import('eslint-plugin-import-x');
const { default: globals } = await import('globals');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const featuresDir = path.join(root, 'apps/api/src/features');
const features = fs.readdirSync(featuresDir).filter((f) => fs.statSync(path.join(featuresDir, f)).isDirectory());

/** Tests, test kits and benchmarks may reach into internals to set up and inspect state. */
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/*.testkit.ts', '**/*.test-helpers.ts', 'apps/*/test/**', 'bench/**'];

/**
 * The boundaries. A feature reaches another only through its exported services (`*.service.ts`);
 * nothing outside the features reaches their tables or repositories but the table registry and the
 * seed loader; the platform knows no feature; the web knows no server code; core has no I/O.
 */
const zones = [
  ...features.map((f) => ({
    target: `./apps/api/src/features/${f}`,
    from: `./apps/api/src/features/!(${f})/**/!(*.service).ts`,
    message: `A feature reaches "${f}"'s neighbours only through their exported services (*.service.ts).`,
  })),
  {
    target: './apps/api/src/!(features|seed|tables.ts)/**',
    from: './apps/api/src/features/**/*.{table,repository}.ts',
    message: 'Only the feature itself (and the table registry) reaches its tables and repositories.',
  },
  {
    target: './apps/api/src/features/*/*.routes.ts',
    from: './apps/api/src/features/**/*.{table,repository}.ts',
    message: 'Routes parse, call a service and present: loads and queries belong to the service.',
  },
  {
    target: './apps/api/src/platform',
    from: ['./apps/api/src/features', './apps/api/src/tables.ts', './apps/api/src/seed'],
    message: 'The platform is cross-cutting and knows no feature.',
  },
  { target: './apps/web', from: './apps/api', message: 'The web talks to the API over HTTP only.' },
  { target: './packages', from: './apps', message: 'Packages know no app.' },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '**/*.d.ts', 'apps/web/src/api/schema.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2024, sourceType: 'module' },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones, basePath: root }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['packages/core/**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(node:)?(fs|fs/promises|net|http|https|child_process|worker_threads|dgram|dns|tls|pg|drizzle-orm.*|fastify.*)$', message: 'packages/core holds pure rules: no I/O.' }],
      }],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  { files: TEST_FILES, rules: { 'import-x/no-restricted-paths': 'off', '@typescript-eslint/no-explicit-any': 'off' } },
);
