import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * The libraries tagged `framework-free` (providers, downloader, contracts) run in the server, the
 * CLI, the benchmark and the browser alike, so they import no framework and no database.
 */
const frameworkFree = {
  sourceTag: 'framework-free',
  bannedExternalImports: ['@nestjs/*', '@angular/*', 'typeorm', 'class-validator'],
};
/** The browser build never pulls in server frameworks or the database layer. */
const webBanned = {
  sourceTag: 'scope:web',
  bannedExternalImports: ['@nestjs/*', 'typeorm', '@nestjs/typeorm'],
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/tmp',
      '**/.angular',
      '**/coverage',
      'data/**',
      'bench/results/**',
    ],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          // libs/testing (starts real servers and Redis for tests) is tagged `test-only` and has no
          // `type:*` tag, so the type rules below keep it out of shipped code; only the test files
          // of the override further down may import it. (`notDependOnLibsWithTags` would not do:
          // it follows the graph transitively, and the downloader's own tests use libs/testing.)
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            {
              sourceTag: 'scope:server',
              onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'],
            },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
            { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:tools', 'scope:shared'] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:feature',
                'type:data-access',
                'type:ui',
                'type:util',
              ],
            },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: ['type:data-access', 'type:util'],
            },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            frameworkFree,
            webBanned,
          ],
        },
      ],
    },
  },
  {
    // Tests, benchmarks and the screenshots script may start the sandbox (the stand-in for the
    // real sites); production code never does.
    files: [
      '**/*.spec.ts',
      '**/test/**/*.ts',
      '**/src/support/**/*.ts',
      'bench/**/*.ts',
      'apps/web-e2e/src/screenshots.ts',
    ],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['@aniworld/sandbox'],
          depConstraints: [
            { sourceTag: '*', onlyDependOnLibsWithTags: ['*'] },
            frameworkFree,
            webBanned,
          ],
        },
      ],
    },
  },
  {
    // Only repositories, entities and database/ talk to TypeORM; services and controllers see
    // plain objects, so the persistence layer can change without touching the rules. Tests may
    // use a DataSource to seed and inspect the real database they run against.
    files: ['apps/server/src/**/*.ts'],
    ignores: [
      'apps/server/src/**/*.repository.ts',
      'apps/server/src/**/entities/**',
      'apps/server/src/database/**',
      'apps/server/src/**/*.spec.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'typeorm', message: 'Only repositories, entities and database/ use TypeORM.' },
            {
              name: '@nestjs/typeorm',
              message: 'Only repositories, entities and database/ use TypeORM.',
            },
          ],
          patterns: [
            {
              group: ['typeorm/*'],
              message: 'Only repositories, entities and database/ use TypeORM.',
            },
          ],
        },
      ],
    },
  },
  {
    // One vocabulary of errors: each module names its domain errors in `<module>/errors/`, so a
    // code and its message are written once and a reader finds every error a module raises there.
    files: ['apps/server/src/**/*.ts'],
    ignores: ['apps/server/src/**/errors/**', 'apps/server/src/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='DomainError']",
          message: "Throw a named error from the module's errors/ folder instead.",
        },
        {
          selector: "ClassDeclaration[superClass.name='DomainError']",
          message: "Domain errors live in the module's errors/ folder.",
        },
      ],
    },
  },
  {
    // Promise safety is not optional: a forgotten await in a download loop loses data.
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
];
