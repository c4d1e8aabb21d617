// Replays every recorded nomination history (test/histories/*.json, written by
// `npm run histories:record`) against the current workflow code. A change that
// alters the commands an old history expects fails here; wrap such a change in
// `patched()`. No Temporal server is involved: replay runs in the worker alone.
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryAndWorkflowId } from '@temporalio/client';
import { DeterminismViolationError } from '@temporalio/workflow';
import {
  bundleWorkflowCode,
  DefaultLogger,
  makeTelemetryFilterString,
  Runtime,
  Worker,
  type WorkflowBundle,
} from '@temporalio/worker';
import { AesGcmPayloadCodec, dataConverterWith } from '@laurel/infra/temporal/payload-codec';
import { nominationWorkflowId } from '@laurel/workflows/nomination/messages';
import { workflowWebpackConfigHook } from '../../apps/worker/src/workflow-webpack';
import { historyFromJSON as historyFromJson } from '@temporalio/common/lib/proto-utils';
import { INCOMPATIBLE_DIR, RENAMED_ACTIVITY } from './incompatible';

// Replaying the broken history logs its failure at WARN; the test asserts it instead.
Runtime.install({
  logger: new DefaultLogger('ERROR'),
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), forward: {} } },
});

const HISTORIES = join(__dirname, '..', 'histories');

/** Histories are recorded with nomination id `history-<file name>`, which fixes the workflow id. */
async function loadHistories(dir: string): Promise<HistoryAndWorkflowId[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => ({
      workflowId: nominationWorkflowId(`history-${file.replace(/\.json$/, '')}`),
      history: historyFromJson(JSON.parse(await readFile(join(dir, file), 'utf8'))),
    })),
  );
}

/** The emulation year's own workflows (test/histories/year/, written by `npm run histories:record-year`). */
async function loadYearHistories(dir: string): Promise<HistoryAndWorkflowId[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => ({
      workflowId: `history-${file.replace(/\.json$/, '')}`,
      history: historyFromJson(JSON.parse(await readFile(join(dir, file), 'utf8'))),
    })),
  );
}

let workflowBundle: WorkflowBundle;
let recorded: HistoryAndWorkflowId[];
let incompatible: HistoryAndWorkflowId[];
let year: HistoryAndWorkflowId[];

beforeAll(async () => {
  // Bundled once with the production webpack hook, so the path aliases resolve as in the worker.
  const [bundle, compatible, broken, yearly] = await Promise.all([
    bundleWorkflowCode({
      workflowsPath: require.resolve('@laurel/workflows'),
      webpackConfigHook: workflowWebpackConfigHook,
      logger: new DefaultLogger('WARN'),
    }),
    loadHistories(HISTORIES),
    loadHistories(join(HISTORIES, INCOMPATIBLE_DIR)),
    loadYearHistories(join(HISTORIES, 'year')),
  ]);
  year = yearly;
  workflowBundle = bundle;
  recorded = compatible;
  incompatible = broken;
}, 60_000);

async function replay(histories: readonly HistoryAndWorkflowId[], codec: AesGcmPayloadCodec | null = null) {
  const results = [];
  const options = { workflowBundle, dataConverter: dataConverterWith(codec) };
  for await (const result of Worker.runReplayHistories(options, histories)) results.push(result);
  return results;
}

test('every recorded path is here', () => {
  expect(recorded.map((h) => h.workflowId).sort()).toEqual(
    [
      'award-revoked',
      'awarded',
      'before-revoked-outcome-award-revoked',
      'before-stage-timer-awarded',
      'before-stage-timer-council-escalated',
      'before-stage-timer-expired',
      'block-vote-failed',
      'chairman-rejected',
      'council-escalated',
      'council-rejected',
      'document-recorded',
      'expired',
      'handler-table-supplement-then-awarded',
      'signed-awarded',
      'store-conflict',
      'store-conflict-caught-up',
      'supplement-then-awarded',
      'withdrawn',
    ].map((path) => nominationWorkflowId(`history-${path}`)),
  );
});

test('every recorded history replays under the current workflow code', async () => {
  const results = await replay(recorded);
  expect(results.map((r) => ({ workflowId: r.workflowId, error: r.error?.message }))).toEqual(
    recorded.map((h) => ({ workflowId: h.workflowId, error: undefined })),
  );
}, 60_000);

test('they replay on a worker with the payload codec too: plain payloads pass through it', async () => {
  const results = await replay(recorded, new AesGcmPayloadCodec(randomBytes(32)));
  expect(results.map((r) => ({ workflowId: r.workflowId, error: r.error?.message }))).toEqual(
    recorded.map((h) => ({ workflowId: h.workflowId, error: undefined })),
  );
}, 60_000);

test('the year’s own workflows replay too: a campaign with its intake timer, sessions and a decision list', async () => {
  expect(year.map((h) => h.workflowId)).toEqual([
    'history-block-session',
    'history-campaign',
    'history-council-session',
    'history-decision-list',
  ]);
  const results = await replay(year);
  expect(results.map((r) => ({ workflowId: r.workflowId, error: r.error?.message }))).toEqual(
    year.map((h) => ({ workflowId: h.workflowId, error: undefined })),
  );
}, 60_000);

test('a history the code cannot have produced fails with a determinism error', async () => {
  // test/histories/incompatible/: the awarded history with its first append made by another activity type.
  expect(incompatible.map((h) => h.workflowId)).toEqual([nominationWorkflowId('history-awarded-append-renamed')]);
  const results = await replay(incompatible);
  expect(results).toHaveLength(1);
  const { error } = results[0]!;
  expect(error).toBeInstanceOf(DeterminismViolationError);
  expect(error?.message).toContain(`Activity type of recorded marker '${RENAMED_ACTIVITY}'`);
}, 60_000);
