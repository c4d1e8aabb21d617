// One jest project per test level (the README lists them). Path aliases come from
// tsconfig.json so the alias list lives in one place.
const { compilerOptions } = require('./tsconfig.json');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  const from = '^' + alias.replace('/*', '/(.*)') + '$';
  moduleNameMapper[from] = '<rootDir>/' + target.replace('/*', '/$1');
}

const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};

const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  testMatch,
  transform,
  moduleNameMapper,
  testEnvironment: 'node',
  rootDir: __dirname,
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.tools/', '/.data/'],
  ...extra,
});

// Projects that talk to Temporal share ONE dev server per jest run: jest runs a
// global setup module once even when several projects name the same file, and
// only when a selected test belongs to one of them.
const temporalServer = {
  globalSetup: '<rootDir>/test/support/temporal-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/temporal-global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/temporal-test-timeout.ts'],
};

module.exports = {
  projects: [
    project('unit', ['<rootDir>/{domain,infra,workflows,apps}/**/*.unit.spec.ts', '<rootDir>/test/**/*.unit.spec.ts']),
    project('int', ['<rootDir>/test/**/*.int.spec.ts']),
    project('workflow', ['<rootDir>/test/**/*.workflow.spec.ts'], temporalServer),
    project('replay', ['<rootDir>/test/**/*.replay.spec.ts']),
    // Writes the year's workflow histories for the replay test (npm run histories:record-year); only when asked.
    ...(process.env.LAUREL_RECORD_HISTORIES === '1'
      ? [project('record', ['<rootDir>/test/**/*.record.ts'], temporalServer)]
      : []),
    // The stack as `make up` runs it, from dist/: no shared dev server, it starts its own.
    project('smoke', ['<rootDir>/test/smoke/**/*.smoke.spec.ts']),
    project('e2e', ['<rootDir>/test/**/*.e2e.spec.ts'], temporalServer),
    // The fault suite: the production topology as separate processes from dist/, with its own Temporal dev server.
    project('faults', ['<rootDir>/test/faults/**/*.faults.spec.ts']),
    // The browser suite: Debian's Chromium against the stack as `make up` starts it (dist/, web app included).
    project('web', ['<rootDir>/test/web/**/*.web.spec.ts'], {
      globalSetup: '<rootDir>/test/web/support/stack-global-setup.ts',
      globalTeardown: '<rootDir>/test/web/support/stack-global-teardown.ts',
    }),
  ],
};
