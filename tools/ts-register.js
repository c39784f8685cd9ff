/**
 * Runs workspace TypeScript directly with Node (sandbox, dl, bench): SWC compiles on load and the
 * `@aniworld/*` path aliases of tsconfig.base.json resolve to the library sources.
 * Usage: node -r ./tools/ts-register.js some/file.ts
 */
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const base = require('../tsconfig.base.json');

tsconfigPaths.register({
  baseUrl: path.resolve(__dirname, '..'),
  paths: base.compilerOptions.paths,
});
// Decorators and their metadata (NestJS) need the workspace compiler options.
process.env.SWC_NODE_PROJECT ??= path.resolve(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
