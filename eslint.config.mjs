import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/**
 * The layers (README, "Where things live"), checked on every import by eslint-plugin-boundaries:
 *
 *   roots (src/server.ts, src/main.ts, src/runtime.ts, workers/main.ts; the demo seeder) — wire everything
 *   http · web · workers      → workflow (and the pure layers)
 *   workflow                  → db · queue · mail · documents · storage (and the pure layers)
 *   queue                     → db
 *   db · mail · documents · storage → domain, machines (nothing above them)
 *   domain                    → machines
 *   machines                  → xstate and zod only
 *   shared (src/errors.ts, src/config.ts) → anything may import them; they import nothing of ours.
 *
 * `src/web` (pages) and `src/documents` (DOCX/PDF, signing) are declared before they exist. The sign-in
 * and session code of src/http still reads src/db itself (named below: it is being built on in parallel
 * and may become src/workflow/auth/); nothing else in src/http may.
 */
const elements = [
  { type: 'machines', pattern: 'machines' },
  { type: 'domain', pattern: 'src/domain' },
  { type: 'db', pattern: 'src/db' },
  { type: 'queue', pattern: 'src/queue' },
  { type: 'mail', pattern: 'src/mail' },
  { type: 'documents', pattern: 'src/documents' },
  { type: 'storage', pattern: 'src/storage' },
  { type: 'workflow', pattern: 'src/workflow' },
  { type: 'http', pattern: 'src/http' },
  { type: 'web', pattern: 'src/web' },
  { type: 'workers', pattern: 'workers' },
  // Prometheus metrics (prom-client): built by the roots, handed to the others as plain interfaces.
  { type: 'metrics', pattern: 'src/metrics' },
  // The demo seeder runs at start (`--demo`) like a composition root.
  { type: 'demo', pattern: 'src/demo' },
].map((e) => ({ ...e, partialMatch: false }));

const files = [
  {
    category: 'root',
    pattern: [
      'src/server.ts',
      'src/main.ts',
      'src/runtime.ts',
      'src/shutdown.ts',
      'src/backup.ts',
      'workers/main.ts',
    ],
  },
  { category: 'shared', pattern: ['src/errors.ts', 'src/config.ts', 'src/trace.ts'] },
  {
    category: 'signin',
    pattern: [
      'src/http/auth.ts',
      'src/http/bootstrap.ts',
      'src/http/deps.ts',
      'src/http/session-store.ts',
      'src/http/routes/auth.routes.ts',
    ],
  },
];

const to = (...types) => ({ to: { element: { types: { anyOf: types } } } });
const pure = ['machines', 'domain'];
const layerPolicies = [
  { from: { element: { type: 'domain' } }, allow: to('machines') },
  { from: { element: { type: 'db' } }, allow: to(...pure) },
  { from: { element: { type: 'mail' } }, allow: to(...pure) },
  { from: { element: { type: 'documents' } }, allow: to(...pure) },
  { from: { element: { type: 'storage' } }, allow: to(...pure) },
  { from: { element: { type: 'queue' } }, allow: to(...pure, 'db') },
  {
    from: { element: { type: 'workflow' } },
    allow: to(...pure, 'db', 'queue', 'mail', 'documents', 'storage'),
  },
  // Uploads are checked by content and stored by src/storage before a use case takes them.
  { from: { element: { type: 'http' } }, allow: to(...pure, 'workflow', 'web', 'storage') },
  { from: { element: { type: 'web' } }, allow: to(...pure, 'workflow') },
  { from: { element: { type: 'workers' } }, allow: to(...pure, 'workflow') },
  { from: { element: { type: 'metrics' } }, allow: to(...pure) },
  // The demo brings its own services (Redis, the mail catcher) and seeds through db and workflow.
  { from: { element: { type: 'demo' } }, allow: to(...pure, 'workflow', 'db', 'http', 'mail', 'storage') },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '*.config.js', '*.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx', 'machines/**/*.ts', 'workers/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/files': files,
      'import/resolver': { typescript: { alwaysTryTypes: true, project: './tsconfig.json' } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          checkAllOrigins: true,
          checkUnknownLocals: true,
          policies: [
            // Packages: any file may use them, except the machines, which stay pure (xstate and zod).
            { allow: { to: { module: { origin: ['external', 'core'] } } } },
            {
              from: { element: { type: 'machines' } },
              disallow: { to: { module: { origin: ['external', 'core'] } } },
            },
            {
              from: { element: { type: 'machines' } },
              allow: { to: { module: { origin: 'external', source: ['xstate', 'zod'] } } },
            },
            // Within a layer, files import each other freely.
            ...elements.map((e) => ({ from: { element: { type: e.type } }, allow: to(e.type) })),
            ...layerPolicies,
            // src/errors.ts and src/config.ts: anything may import them (they import nothing of ours).
            { allow: { to: { file: { categories: 'shared' } } } },
            // Only the composition roots wire everything together.
            { from: { file: { categories: 'root' } }, allow: { to: { origin: 'local' } } },
            { from: { file: { categories: 'signin' } }, allow: to('db') },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The documents layer takes plain data and returns bytes; the wiring calls it (ARCHITECTURE.md).
    files: ['src/documents/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/db',
                '**/db/**',
                '**/http',
                '**/http/**',
                '**/workflow',
                '**/workflow/**',
                '**/queue',
                '**/queue/**',
                '**/mail',
                '**/mail/**',
              ],
              message:
                'src/documents imports no database, HTTP, queue, mail or workflow code: it takes plain data and returns bytes.',
            },
          ],
        },
      ],
    },
  },
);
