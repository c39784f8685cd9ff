const nxPreset = require('@nx/jest/preset').default;

/**
 * Node projects (server, libs, sandbox) compile TypeScript with SWC, decorator metadata included
 * (NestJS needs it), at a fraction of ts-jest's cost. Type checking is the job of tsc and lint.
 * The Angular project overrides `transform` with jest-preset-angular.
 */
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
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
