// The layer rules of README.md's "Layout": dependencies point inward, apps ->
// infra/workflows -> domain, and every client reaches Laurel over HTTP only.
// Paths are relative to the directory depcruise runs in: the repository root for
// `npm run deps:check`, and test/fixtures/dependency-rules/ for the fixture that
// must fail (scripts/check-dependency-rules-fixture.ts), which mirrors the layout
// and plants one violation of each rule below. A rule added here without its
// planted violation fails that check, so keep the rules disjoint: one import,
// one rule.
const path = require('node:path');

// Specs are not shipped and may reach for test helpers; the rules guard product code.
const productCode = '\\.spec\\.ts$';
const from = (pattern) => ({ path: pattern, pathNot: productCode });
const npmPackage = '(^|/)node_modules/';
const core = ['core'];
// `import type` and imports used only as types vanish from the compiled code.
const typesOnly = ['type-only', 'pre-compilation-only'];

module.exports = {
  forbidden: [
    // domain/: pure TypeScript, knowing nothing of Nest, Temporal, a database or the other layers.
    {
      name: 'domain-uses-no-packages',
      comment: 'domain/ imports no npm package: no framework (Nest), no Temporal, no database driver, no library.',
      severity: 'error',
      from: from('^domain/'),
      to: { path: npmPackage },
    },
    {
      name: 'domain-uses-no-node-builtins',
      comment: 'domain/ does no I/O and reads no clock or randomness of its own: time and ids come in from outside.',
      severity: 'error',
      from: from('^domain/'),
      to: { dependencyTypes: core },
    },
    {
      name: 'domain-knows-no-other-layer',
      comment: 'domain/ is the centre: it imports nothing from infra/, workflows/, apps/ or the tooling.',
      severity: 'error',
      from: from('^domain/'),
      to: { pathNot: ['^domain/', npmPackage], dependencyTypesNot: core },
    },

    // workflows/: deterministic code in Temporal's sandbox.
    {
      name: 'workflows-never-import-infra',
      comment: 'workflows/ never imports infra/: stores and clients are reached through activities.',
      severity: 'error',
      from: from('^workflows/'),
      to: { path: '^infra/' },
    },
    {
      name: 'workflows-know-only-domain',
      comment: 'workflows/ imports domain/ and its own definitions only: never apps/ or the tooling.',
      severity: 'error',
      from: from('^workflows/'),
      to: { pathNot: ['^(workflows|domain|infra)/', npmPackage], dependencyTypesNot: core },
    },
    {
      name: 'workflows-use-no-node-builtins',
      comment: 'workflows/ never uses Node APIs: they break determinism in the sandbox; do I/O in an activity.',
      severity: 'error',
      from: from('^workflows/'),
      to: { dependencyTypes: core },
    },
    {
      name: 'workflows-use-sandbox-packages-only',
      comment:
        'workflows/ may use @temporalio/workflow and @temporalio/common only (plus async-mutex, plain ' +
        'deterministic JS that serialises update handlers): no Nest, no client, worker or activity package.',
      severity: 'error',
      from: from('^workflows/'),
      to: { path: npmPackage, pathNot: '(^|/)node_modules/(@temporalio/(workflow|common)|async-mutex)/' },
    },

    // infra/: ports and adapters.
    {
      name: 'infra-does-not-know-apps',
      comment: 'apps/ wire infra/ together; the other way round would be a cycle between layers.',
      severity: 'error',
      from: from('^infra/'),
      to: { path: '^apps/' },
    },
    {
      name: 'infra-uses-workflow-types-only',
      comment:
        'infra/ implements the activity interfaces that workflows/ defines, so it may read their types, but never ' +
        "runs workflow code: that belongs in the worker's sandbox.",
      severity: 'error',
      from: from('^infra/'),
      to: { path: '^workflows/', dependencyTypesNot: typesOnly },
    },

    // apps/: each app wires the layers; the apps stay apart.
    {
      name: 'apps-stay-apart',
      comment:
        'The API and the worker know nothing of each other, of the CLI or of the clients; only apps/all-in-one ' +
        'composes the API and the worker into one process.',
      severity: 'error',
      from: from('^apps/(api|worker)/'),
      to: {
        path: '^apps/(api|worker|cli|all-in-one|api-client)/',
        // One exception, in one file: the API process hosts the batch worker (block and council
        // sessions, decision lists), since its activities act on nominations for the people who
        // cast the ballots and must sign those updates with the key only the API holds.
        pathNot: ['^apps/$1/', '^apps/worker/src/(session-worker|nomination-worker)[.]ts$'],
      },
    },
    {
      name: 'only-the-api-server-hosts-the-batch-worker',
      comment:
        'The exception above is the API server alone (apps/api/src/api-server.ts); no other API file imports a worker.',
      severity: 'error',
      from: { path: '^apps/api/', pathNot: ['^apps/api/src/api-server[.]ts$', productCode] },
      to: { path: '^apps/worker/src/(session-worker|nomination-worker)[.]ts$' },
    },
    {
      name: 'cli-talks-http-only',
      comment:
        'The laurel CLI is a client of the HTTP API (apps/api-client): it never opens the database, Temporal or ' +
        "the server's code, so it works the same against a local or a remote Laurel.",
      severity: 'error',
      from: from('^apps/cli/'),
      to: {
        path: [
          '^(domain|workflows|infra)/',
          '^apps/(api|worker|all-in-one|web)/',
          `${npmPackage}(pg|@electric-sql|@kurrent|@temporalio|@nestjs)/`,
        ],
      },
    },
    {
      name: 'api-client-knows-only-the-contract',
      comment:
        "The shared API client and its contract depend on the API's OpenAPI document (the generated schema) and " +
        'Node alone: never on the API source, the store or Temporal.',
      severity: 'error',
      from: from('^apps/api-client/'),
      to: { pathNot: ['^apps/api-client/', '^apps/web/src/api/schema\\.d\\.ts$'], dependencyTypesNot: core },
    },
    {
      name: 'api-contract-is-types-only',
      comment: 'The contract is types only: importing code into it would make every client carry that code.',
      severity: 'error',
      from: from('^apps/api-client/src/contract\\.ts$'),
      to: { dependencyTypesNot: typesOnly },
    },
    {
      name: 'web-talks-http-only',
      comment:
        'apps/web runs in the browser and reaches Laurel through its HTTP API only (types generated from the OpenAPI ' +
        'document): no server code, which would also drag Node and the store into the bundle.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^(domain|workflows|infra|apps/(api|worker|cli|all-in-one|api-client))/' },
    },
    {
      name: 'product-code-never-imports-tooling',
      comment:
        'What ships (infra/, apps/) never imports scripts/, test/ or bench/, which are not built or deployed; ' +
        'shared code lives in a layer and the tooling imports it from there.',
      severity: 'error',
      from: from('^(infra|apps)/'),
      to: { path: '^(scripts|test|bench)/' },
    },

    // Everywhere.
    {
      name: 'no-unresolvable-imports',
      comment: 'An import that does not resolve would slip past the rules above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a domain file importing a Nest type is still coupled to Nest.
    tsPreCompilationDeps: true,
    // The @laurel/* aliases live in tsconfig.json only.
    tsConfig: { fileName: path.join(__dirname, 'tsconfig.json') },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
