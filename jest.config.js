// Two projects: unit tests beside the code, e2e tests in test/ against a real database.
// The Swagger plugin runs as a ts-jest AST transformer so DTOs are documented in tests as in builds.
// Nest 12 and a few other dependencies ship ES modules only; Node 20 loads them from CommonJS
// (require(esm)), but Jest's module system cannot before Node 24.9, so Babel turns them into
// CommonJS for the tests (cached after the first run).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const ESM_PACKAGES = [
  '@nestjs',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
  'load-esm',
  '@fastify/static',
  'content-disposition',
];

const tsJest = [
  'ts-jest',
  {
    // ts-jest type-checks only with a classic module kind; with `nodenext` it transpiles file by
    // file, and the Swagger plugin then cannot see the types of nested DTOs.
    tsconfig: {
      ...compilerOptions,
      module: 'commonjs',
      moduleResolution: 'node10',
      ignoreDeprecations: '6.0',
      incremental: false,
    },
    diagnostics: { warnOnly: false },
    astTransformers: { before: ['<rootDir>/test/setup/swagger-transformer.js'] },
  },
];

const shared = {
  rootDir: __dirname,
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: {
    '^.+\\.ts$': tsJest,
    '^.+\\.m?js$': [
      'babel-jest',
      {
        babelrc: false,
        configFile: false,
        plugins: [
          ['babel-plugin-transform-import-meta', { module: 'ES6' }],
          '@babel/plugin-transform-dynamic-import',
          '@babel/plugin-transform-modules-commonjs',
        ],
      },
    ],
  },
  // Transform only the ESM-only packages; the rest of node_modules is CommonJS already.
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  testEnvironment: 'node',
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
  // A global option: Jest ignores `testTimeout` inside a project (its default of 5 s applied).
  testTimeout: 60000,
};
