/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', tsx: true },
      // The pages' JSX: Preact's automatic runtime, as tsconfig's `jsx: react-jsx` + `jsxImportSource`.
      transform: { react: { runtime: 'automatic', importSource: 'preact' } },
    },
    module: { type: 'commonjs' },
  },
];
const common = {
  // Preact 11 ships ES modules only: Node ≥ 20.19 requires them natively, Jest's module runtime does not,
  // so they go through the same transform.
  transform: { '^.+\\.tsx?$': swc, '^.+/node_modules/preact/.+\\.m?js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!preact/)'],
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts?(x)'],
      // The web's compiled styles and scripts (dist/public), built when missing or older than their sources.
      globalSetup: '<rootDir>/test/helpers/web-assets-setup.ts',
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts?(x)'],
      globalSetup: '<rootDir>/test/helpers/web-assets-setup.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts?(x)'],
      globalSetup: '<rootDir>/test/helpers/web-assets-setup.ts',
    },
  ],
  // Global, not per project (Jest ignores it there): integration hooks open databases and servers.
  testTimeout: 60000,
};
