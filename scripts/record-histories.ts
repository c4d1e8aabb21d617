// Records one workflow history per nomination path into test/histories/, for
// the replay test (test/replay/histories.replay.spec.ts) to replay against the
// current workflow code. Starts its own headless dev server, runs the paths of
// test/workflow/paths.ts concurrently (the deadline paths wait ~10–16 s of real
// time on the test-fast policy) and writes `handle.fetchHistory()` as JSON
// (the SDK's historyToJSON).
//
//   npm run histories:record                                   # every path, current code
//   npm run histories:record -- expired                        # only the paths named
//   npm run histories:record -- --workflows-from <commit> store-conflict
//   npm run histories:record -- --workflows-from <commit> --prefix before-x- awarded
//
// `--workflows-from` runs the workflow code of another commit (its workflows/
// folder, with today's domain and activities): how a history from before a
// `patched()` change is made, to prove the patch keeps it replaying.
// Re-record only on purpose, and note the code each file came from in
// test/histories/README.md.
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { nominationSearchAttributeKeys } from '../workflows/nomination/search-attributes';
import { NominationHarness, testWorkflowBundlePath } from '../test/support/nomination-harness';
import { historyToJSON as historyToJson } from '@temporalio/common/lib/proto-utils';
import { INCOMPATIBLE_DIR, withFirstAppendRenamed } from '../test/replay/incompatible';
import { pathNames, paths, type PathName } from '../test/workflow/paths';
import { temporalCliPath } from './temporal-paths';

const ROOT = join(__dirname, '..');
export const HISTORIES_DIR = join(ROOT, 'test', 'histories');

/** Nomination ids are fixed, so a history's workflow id follows from its file name. */
export function historyNominationId(path: string): string {
  return `history-${path}`;
}

interface Options {
  readonly paths: PathName[];
  readonly workflowsFrom?: string;
  /** Prepended to each file name (and nomination id), to keep an older code's history beside today's. */
  readonly prefix: string;
}

function parseArgs(args: readonly string[]): Options {
  const names: string[] = [];
  let workflowsFrom: string | undefined;
  let prefix = '';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--workflows-from') workflowsFrom = args[++i];
    else if (args[i] === '--prefix') prefix = args[++i] ?? '';
    else names.push(args[i]!);
  }
  if (args.includes('--workflows-from') && !workflowsFrom) throw new Error('--workflows-from needs a commit');
  if (!/^[a-z0-9-]*$/.test(prefix)) throw new Error('--prefix takes lower-case letters, digits and dashes');
  const unknown = names.filter((name) => !(pathNames as string[]).includes(name));
  if (unknown.length > 0) throw new Error(`unknown path(s): ${unknown.join(', ')}; known: ${pathNames.join(', ')}`);
  return {
    paths: names.length > 0 ? (names as PathName[]) : pathNames,
    prefix,
    ...(workflowsFrom ? { workflowsFrom } : {}),
  };
}

/** Extracts workflows/ at `commit` under .data/ (inside the repository, so modules and aliases resolve). */
async function workflowsAt(commit: string): Promise<{ dir: string; entry: string }> {
  const sha = execFileSync('git', ['rev-parse', '--verify', `${commit}^{commit}`], {
    cwd: ROOT,
    encoding: 'utf8',
  }).trim();
  const dir = join(ROOT, '.data', `recording-workflows-${sha.slice(0, 12)}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const archive = execFileSync('git', ['archive', sha, 'workflows'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  console.log(`workflow code from ${sha}`);
  return { dir, entry: join(dir, 'workflows', 'index.ts') };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const older = options.workflowsFrom ? await workflowsAt(options.workflowsFrom) : undefined;
  const workflowBundlePath = older ? await testWorkflowBundlePath(older.entry) : undefined;

  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCliPath() },
      ip: '127.0.0.1',
      searchAttributes: [...nominationSearchAttributeKeys],
      log: { format: 'text', level: 'error' },
    },
  });
  try {
    const harness = await NominationHarness.start(workflowBundlePath ? { workflowBundlePath } : {}, {
      client: env.client,
      connection: env.nativeConnection,
    });
    try {
      await mkdir(HISTORIES_DIR, { recursive: true });
      await Promise.all(options.paths.map((name) => record(harness, name, options.prefix)));
    } finally {
      await harness.stop();
    }
  } finally {
    await env.teardown();
    if (older) await rm(older.dir, { recursive: true, force: true });
  }
}

async function record(harness: NominationHarness, name: PathName, prefix: string): Promise<void> {
  const id = historyNominationId(prefix + name);
  const run = await paths[name](harness, id);
  const handle = harness.handle(id);
  if (run.outcome !== 'Open') {
    const result = await handle.result();
    if (result.outcome !== run.outcome) throw new Error(`${name}: ended ${result.outcome}, expected ${run.outcome}`);
  }
  const stream = (await harness.streamOf(id)).map((e) => e.type);
  if (JSON.stringify(stream) !== JSON.stringify(run.expected)) {
    throw new Error(`${name}: stream ${stream.join(', ')}; expected ${run.expected.join(', ')}`);
  }
  const history = await handle.fetchHistory();
  const file = join(HISTORIES_DIR, `${prefix}${name}.json`);
  const json = historyToJson(history);
  await writeFile(file, json + '\n');
  console.log(`${name}: ${history.events?.length ?? 0} history events, ${stream.length} nomination events -> ${file}`);
  if (name === 'awarded' && prefix === '') {
    // The replay test's must-fail case: the same history with the first append's activity renamed.
    const broken = join(HISTORIES_DIR, INCOMPATIBLE_DIR, 'awarded-append-renamed.json');
    await mkdir(join(HISTORIES_DIR, INCOMPATIBLE_DIR), { recursive: true });
    await writeFile(broken, JSON.stringify(withFirstAppendRenamed(JSON.parse(json)), null, 2) + '\n');
    console.log(`awarded, append renamed (must not replay) -> ${broken}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
