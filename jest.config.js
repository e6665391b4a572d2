// Nest 12 ships as native ES modules. Node 20 can require() them, but Jest on
// Node 20 cannot, so Jest compiles those packages to CommonJS with Babel.
const esmPackagesToCommonJs = {
  plugins: [
    require.resolve('./test/babel-esm-require.js'),
    'babel-plugin-transform-import-meta',
    '@babel/plugin-transform-dynamic-import',
    '@babel/plugin-transform-modules-commonjs',
  ],
};

const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    'node_modules/.+\\.js$': ['babel-jest', esmPackagesToCommonJs],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|jose|file-type|strtok3|token-types|@tokenizer|uint8array-extras)/)',
  ],
  moduleNameMapper: {
    '^@redmet/platform/tracing$': '<rootDir>/libs/platform/src/tracing/index.ts',
    '^@redmet/contracts/testing$': '<rootDir>/libs/contracts/src/testing/sample-events.ts',
    '^@redmet/contracts/vocabulary$': '<rootDir>/libs/contracts/src/vocabulary/index.ts',
    '^@redmet/(contracts|messaging|platform|registry-view|testing)$': '<rootDir>/libs/$1/src/index.ts',
  },
  rootDir: __dirname,
};

module.exports = {
  // Integration tests wait for real brokers and databases; their own waits have shorter limits.
  testTimeout: 60000,
  // On two cores Jest would run every file in its main process, which keeps what each file loaded (Nest,
  // TypeORM, ts-jest's output): the whole suite outgrew Node's 4 GB heap there. A limit runs the files in a
  // worker instead (still one at a time), replaced whenever it has grown past the limit after a file.
  workerIdleMemoryLimit: '1.5GB',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/*/src/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/*/test/**/*.e2e-spec.ts', '<rootDir>/tools/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.js',
      slowTestThreshold: 30,
    },
    {
      ...shared,
      displayName: 'faults',
      // Faults injected into real processes: brokers and services killed, databases restarted.
      testMatch: ['<rootDir>/test/faults/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/system/global-setup.js',
      slowTestThreshold: 300,
    },
    {
      ...shared,
      displayName: 'system',
      // The whole platform as processes from dist/, and the console in a browser.
      testMatch: ['<rootDir>/test/{system,browser}/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/system/global-setup.js',
      slowTestThreshold: 120,
    },
  ],
};
