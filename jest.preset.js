const nxPreset = require('@nx/jest/preset').default;

// Every project's tests run in UTC, whoever starts them (npm test, nx, an IDE, a bare `npx jest`):
// the preset is loaded in the parent process before any worker starts, and workers inherit it.
process.env.TZ = 'UTC';

/**
 * Node projects (server, libs, sandbox) compile TypeScript with SWC, decorator metadata included
 * (NestJS needs it), at a fraction of ts-jest's cost. Type checking is the job of tsc and lint.
 * The Angular project overrides `transform` with jest-preset-angular.
 */
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  // Tests wait for states (waitUntil), never for time; 5 s per test is a hidden timing assertion
  // on a loaded machine. A test that waits for something that never happens still fails.
  testTimeout: 60_000,
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json', 'html', 'mjs'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
