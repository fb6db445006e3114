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
  {
    sourceTag: 'type:contracts',
    onlyDependOnLibsWithTags: ['type:kernel', 'type:contracts', ...extraForTests],
    bannedExternalImports: [...infrastructureClients, '@nestjs/*'],
  },
  { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:kernel', 'type:adapter', ...extraForTests], bannedExternalImports: ['@nestjs/*'] },
  { sourceTag: 'type:http', onlyDependOnLibsWithTags: ['type:kernel', ...extraForTests], bannedExternalImports: infrastructureClients },
  // Chooses adapters from the environment and hosts a service's modules; features never see which.
  { sourceTag: 'type:runtime', onlyDependOnLibsWithTags: ['type:kernel', 'type:adapter', 'type:http', 'type:contracts', ...extraForTests] },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', 'type:http', 'type:contracts', ...extraForTests],
    bannedExternalImports: infrastructureClients,
  },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:kernel', 'type:testing'] },
  // The kernel's own behaviour tests, run against the embedded adapters (kept apart to avoid a cycle).
  { sourceTag: 'type:kernel-tests', onlyDependOnLibsWithTags: ['type:kernel', 'type:adapter', 'type:testing'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:operations', onlyDependOnLibsWithTags: ['scope:operations', 'scope:shared'] },
  { sourceTag: 'scope:finance', onlyDependOnLibsWithTags: ['scope:finance', 'scope:shared'] },
  { sourceTag: 'scope:planning', onlyDependOnLibsWithTags: ['scope:planning', 'scope:shared'] },
  { sourceTag: 'scope:buying', onlyDependOnLibsWithTags: ['scope:buying', 'scope:shared'] },
  { sourceTag: 'scope:production', onlyDependOnLibsWithTags: ['scope:production', 'scope:shared'] },
  { sourceTag: 'scope:reporting', onlyDependOnLibsWithTags: ['scope:reporting', 'scope:shared'] },
  { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['*'] },
];

/** Deciders and evolve functions are pure: time and ids arrive inside the command. */
const impureCalls = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Domain code is pure: the time arrives in the command (its `at`).',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Domain code is pure: `new Date()` reads the clock; the time arrives in the command.',
  },
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
    message: 'Domain code is pure: no randomness; ids arrive in the command.',
  },
  { selector: "CallExpression[callee.property.name='randomUUID']", message: 'Domain code is pure: ids arrive in the command.' },
  {
    selector: "CallExpression[callee.object.name='DateTime'][callee.property.name=/^(now|local|utc)$/][arguments.length=0]",
    message: 'Domain code is pure: the time arrives in the command.',
  },
  { selector: "CallExpression[callee.object.name='process']", message: 'Domain code is pure: no process state.' },
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
    files: ['libs/*/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...impureCalls],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@ooh/eventing', importNames: ['newId', 'systemClock'], message: 'Domain code is pure: ids and time arrive in the command.' }] },
      ],
    },
  },
  {
    // Every decide, evolve and projection switch names each case (or says why it has a default).
    files: ['libs/*/domain/src/**/*.ts', 'libs/*/feature/src/**/*.projection.ts', 'libs/*/feature/src/**/*.projections.ts'],
    ignores: ['**/*.spec.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false }],
    },
  },
  {
    // Specs may use the shared test kit (decider specs, port conformance suites).
    files: ['**/*.spec.ts', '**/testing/**/*.ts', '**/fixtures/**/*.ts'],
    rules: {
      // JSON bodies in assertions are untyped on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints: depConstraints(['type:testing', 'type:adapter']) },
      ],
    },
  },
];
