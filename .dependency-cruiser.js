// Layer rules (DESIGN.md "Dependencies point inward", STYLE.md rule 1).
// Paths are relative to the directory depcruise runs in: the repository root for
// `npm run deps:check`, and test/fixtures/dependency-rules/ for the fixture that
// must fail (scripts/check-dependency-rules-fixture.ts), which mirrors the layout.
const path = require('node:path');

// Specs are not shipped and may reach for test helpers; the rules guard product code.
const productCode = { pathNot: '\\.spec\\.ts$' };

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'domain/ is plain TypeScript: no framework, no Temporal, no Node built-ins, no npm packages, no other layer.',
      severity: 'error',
      from: { path: '^domain/', ...productCode },
      to: { pathNot: '^domain/' },
    },
    {
      name: 'workflows-stay-deterministic',
      comment:
        'workflows/ runs in the Temporal sandbox: it may use domain/, @temporalio/workflow and @temporalio/common only ' +
        '(plus async-mutex, plain deterministic JS that serialises update handlers).',
      severity: 'error',
      from: { path: '^workflows/', ...productCode },
      to: { pathNot: ['^(workflows|domain)/', '(^|/)node_modules/(@temporalio/(workflow|common)|async-mutex)/'] },
    },
    {
      name: 'infra-does-not-know-apps',
      comment: 'apps/ wire infra/ together; the other way round would be a cycle between layers.',
      severity: 'error',
      from: { path: '^infra/', ...productCode },
      to: { path: '^apps/' },
    },
    {
      name: 'web-talks-http-only',
      comment:
        'apps/web runs in the browser and reaches Laurel through its HTTP API only (types generated from the OpenAPI ' +
        'document): no server code, which would also drag Node and the store into the bundle.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^(domain|workflows|infra|apps/(api|worker|cli))/' },
    },
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
