import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const infrastructureClients = ['better-sqlite3', 'mongoose', 'mongodb', 'kafkajs', '@eventstore/*', '@kurrent/*'];
const frameworks = ['@nestjs/*', 'fastify', '@fastify/*', 'class-validator', 'class-transformer', 'prom-client', 'pino', 'rxjs'];

/** Who may depend on whom: `nx graph` shows these layers; an import across them fails lint. */
const depConstraints = (extraForTests = []) => [
  { sourceTag: 'type:kernel', onlyDependOnLibsWithTags: ['type:kernel', ...extraForTests], bannedExternalImports: [...infrastructureClients, ...frameworks] },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', ...extraForTests],
    bannedExternalImports: [...infrastructureClients, ...frameworks, 'uuid', 'node:fs', 'fs', 'node:crypto', 'crypto'],
  },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', ...extraForTests], bannedExternalImports: [...infrastructureClients, '@nestjs/*'] },
  { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:kernel', 'type:adapter', ...extraForTests], bannedExternalImports: ['@nestjs/*'] },
  { sourceTag: 'type:http', onlyDependOnLibsWithTags: ['type:kernel', ...extraForTests], bannedExternalImports: infrastructureClients },
  // Chooses adapters from the environment and hosts a service's modules; features never see which.
  { sourceTag: 'type:runtime', onlyDependOnLibsWithTags: ['type:kernel', 'type:adapter', 'type:http', ...extraForTests] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', 'type:http', 'type:contracts', ...extraForTests], bannedExternalImports: infrastructureClients },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:kernel', 'type:testing'] },
  // The kernel's own behaviour tests, run against the embedded adapters (kept apart to avoid a cycle).
  { sourceTag: 'type:kernel-tests', onlyDependOnLibsWithTags: ['type:kernel', 'type:adapter', 'type:testing'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:operations', onlyDependOnLibsWithTags: ['scope:operations', 'scope:shared'] },
  { sourceTag: 'scope:finance', onlyDependOnLibsWithTags: ['scope:finance', 'scope:shared'] },
  { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['*'] },
];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/tmp/**', '**/data/**', '.nx/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints: depConstraints() }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-empty-function': 'off',
    },
  },
  {
    // Specs may use the shared test kit (decider specs, port conformance suites).
    files: ['**/*.spec.ts', '**/testing/**/*.ts', '**/fixtures/**/*.ts'],
    rules: {
      // JSON bodies in assertions are untyped on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints: depConstraints(['type:testing', 'type:adapter']) }],
    },
  },
];
