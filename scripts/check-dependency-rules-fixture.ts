// The dependency rules' case that must fail: cruise test/fixtures/dependency-rules
// (a miniature repo with one planted violation per rule) with the real config,
// and succeed only if every rule reports exactly its planted violation and
// nothing else is reported. A rule that silently stops matching (a renamed
// folder, a regex typo), or a rule added without a planted case, breaks CI.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');
const fixture = join(root, 'test', 'fixtures', 'dependency-rules');
const configFile = join(root, '.dependency-cruiser.js');

/** The file that breaks each rule (once) in the fixture. */
const planted: Readonly<Record<string, string>> = {
  'domain-uses-no-packages': 'domain/nomination/decide.ts',
  'domain-uses-no-node-builtins': 'domain/nomination/ids.ts',
  'domain-knows-no-other-layer': 'domain/nomination/read-model.ts',
  'workflows-never-import-infra': 'workflows/leaky.workflow.ts',
  'workflows-know-only-domain': 'workflows/wired.workflow.ts',
  'workflows-use-no-node-builtins': 'workflows/clock.workflow.ts',
  'workflows-use-sandbox-packages-only': 'workflows/heartbeat.workflow.ts',
  'infra-does-not-know-apps': 'infra/boot.ts',
  'infra-uses-workflow-types-only': 'infra/temporal/in-process.ts',
  'apps-stay-apart': 'apps/api/worker-inside.ts',
  'only-the-api-server-hosts-the-batch-worker': 'apps/api/src/batch-elsewhere.ts',
  'cli-talks-http-only': 'apps/cli/store-peek.ts',
  'api-client-knows-only-the-contract': 'apps/api-client/src/server-types.ts',
  'api-contract-is-types-only': 'apps/api-client/src/contract.ts',
  'web-talks-http-only': 'apps/web/src/leaky.ts',
  'product-code-never-imports-tooling': 'apps/worker/bundle.ts',
  'no-unresolvable-imports': 'apps/api/typo.ts',
};

interface CruiseOutput {
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
}

function main(): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the config is CommonJS, read as depcruise reads it.
  const config = require(configFile) as { forbidden: { name: string }[] };
  const rules = config.forbidden.map((rule) => rule.name);
  const problems: string[] = [];
  for (const rule of rules) {
    if (!(rule in planted)) problems.push(`rule ${rule} has no planted violation in the fixture: add one`);
  }
  for (const rule of Object.keys(planted)) {
    if (!rules.includes(rule))
      problems.push(`planted violation for ${rule}, which .dependency-cruiser.js no longer has`);
  }

  const depcruise = join(root, 'node_modules', '.bin', 'depcruise');
  const args = ['--config', configFile, '--output-type', 'json'];
  const run = spawnSync(depcruise, [...args, 'domain', 'workflows', 'infra', 'apps'], {
    cwd: fixture,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // depcruise exits with the number of errors, so only a missing report means it broke.
  let output: CruiseOutput;
  try {
    output = JSON.parse(run.stdout) as CruiseOutput;
  } catch {
    console.error(`depcruise produced no report (exit ${run.status}):\n${run.stderr || run.error}`);
    return 1;
  }

  const violations = output.summary.violations;
  for (const [rule, file] of Object.entries(planted)) {
    const caught = violations.filter((v) => v.rule.name === rule);
    if (!caught.some((v) => v.from === file)) problems.push(`${rule}: not reported, but planted in ${file}`);
    else if (caught.length > 1) problems.push(`${rule}: reported ${caught.length} times; the fixture plants it once`);
  }
  for (const v of violations) {
    if (planted[v.rule.name] !== v.from) {
      problems.push(`${v.rule.name}: reported ${v.from} → ${v.to}, which the fixture does not plant for this rule`);
    }
  }

  if (problems.length === 0) {
    for (const [rule, file] of Object.entries(planted)) console.log(`  ✔ ${rule.padEnd(36)} caught in ${file}`);
    console.log(
      `✔ all ${rules.length} dependency rules catch their violation planted in test/fixtures/dependency-rules`,
    );
    return 0;
  }
  for (const problem of problems) console.error(`✘ ${problem}`);
  console.error('The rules in .dependency-cruiser.js no longer match the fixture; fix the rules (or the fixture).');
  return 1;
}

process.exitCode = main();
