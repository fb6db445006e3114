// One Jest run over the whole workspace; the tier is in the file name (*.unit|int|e2e.spec.ts).
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]));

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools', '<rootDir>/bench'],
  testMatch: ['**/*.spec.ts'],
  // *.infra.spec.ts need real servers (`npm run test:infra` starts them); *.faults.spec.ts kill and
  // restart processes (`npm run test:faults`). Neither runs in the plain `npm test`.
  testPathIgnorePatterns: [
    '/node_modules/',
    ...(process.env.OOH_TEST_INFRA ? [] : ['\\.infra\\.spec\\.ts$']),
    ...(process.env.OOH_TEST_FAULTS ? [] : ['\\.faults\\.spec\\.ts$']),
  ],
  moduleNameMapper,
  // A few dependencies ship ESM only; Jest on Node 20 cannot require them untransformed.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  transform: {
    '/node_modules/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' }, jsc: { target: 'es2022' } }],
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.js'],
  testTimeout: 30000,
  maxWorkers: 2,
};
