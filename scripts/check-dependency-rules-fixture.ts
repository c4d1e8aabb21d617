// The dependency rules' case that must fail: cruise test/fixtures/dependency-rules
// (a miniature repo with planted layer violations) with the real config, and
// succeed only if depcruise reports exactly the planted violations. A rule that
// silently stops matching (a renamed folder, a regex typo) then breaks CI.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');
const fixture = join(root, 'test', 'fixtures', 'dependency-rules');

/** `rule: from` for every planted violation. */
const expected = [
  'domain-is-pure: domain/nomination/decide.ts',
  'domain-is-pure: domain/nomination/ids.ts',
  'workflows-stay-deterministic: workflows/leaky.workflow.ts',
  'infra-does-not-know-apps: infra/boot.ts',
  'web-talks-http-only: apps/web/src/leaky.ts',
].sort();

interface CruiseOutput {
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
}

function main(): number {
  const depcruise = join(root, 'node_modules', '.bin', 'depcruise');
  const args = ['--config', join(root, '.dependency-cruiser.js'), '--output-type', 'json'];
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
  const reported = violations.map((v) => `${v.rule.name}: ${v.from}`).sort();
  const missing = expected.filter((e) => !reported.includes(e));
  const unexpected = violations.filter((v) => !expected.includes(`${v.rule.name}: ${v.from}`));

  if (missing.length === 0 && unexpected.length === 0) {
    console.log(`✔ dependency rules catch all ${expected.length} violations planted in test/fixtures/dependency-rules`);
    return 0;
  }
  for (const m of missing) console.error(`✘ not reported, but planted in the fixture: ${m}`);
  for (const u of unexpected)
    console.error(`✘ reported, but the fixture allows it: ${u.rule.name}: ${u.from} → ${u.to}`);
  console.error('The rules in .dependency-cruiser.js no longer match the fixture; fix the rules (or the fixture).');
  return 1;
}

process.exitCode = main();
