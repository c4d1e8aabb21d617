// Batch benchmark: 1,000 nominations in 60 groups driven to one decision list.
// `npm run bench:batch`; writes bench/results/batch.json and prints it.
//
// The whole system over real HTTP (the e2e harness: the API, the nomination
// worker, the projection runner, on PostgreSQL when one answers on
// 127.0.0.1:5432, else in-memory PGlite) on a Temporal dev server of its own,
// plus the batch worker. Dossiers (one proposal letter over N nominees) are
// not on this branch: the 60 groups are made of nominations drafted and
// submitted one by one, each group then voted in one block session. The
// items passing go to one council session and then to one decision list.
//
//   BENCH_NOMINATIONS  nominations (default 1000)
//   BENCH_GROUPS       groups, one block session each (default 60)
//   BENCH_CONCURRENCY  parallel HTTP calls while drafting and voting (default 8)
//
// seconds: from the first draft to the last item of the decision list decided.
// itemP99Ms: p99 of one item's update inside the batches (a vote, a close, an
// opinion or a decision applied to one nomination by the batch worker).
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SessionActivities } from '@laurel/workflows/session/activities';
import { createSessionWorker } from '../apps/worker/src/session-worker';
import { testActionVerifier } from '../test/support/action-keys';
import { ApiHarness, draftBody, NT } from '../test/support/api-harness';
import { testWorkflowBundlePath } from '../test/support/nomination-harness';
import { TEMPORAL_TEST_ADDRESS } from '../test/support/temporal-global-state';
import { quietTemporalLogs, startTemporal } from './support/environment';
import { NativeConnection } from '@temporalio/worker';

const RESULT_FILE = join(__dirname, 'results', 'batch.json');

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

const PROPOSERS = [
  { officer: 'nt-officer-party-office', head: 'nt-head-party-office', unitId: 'nt-party-office' },
  { officer: 'nt-officer-newspaper', head: 'nt-head-newspaper', unitId: 'nt-newspaper' },
  { officer: 'nt-officer-inspection', head: 'nt-head-inspection', unitId: 'nt-inspection' },
  { officer: 'nt-officer-propaganda', head: 'nt-head-propaganda', unitId: 'nt-propaganda' },
];

const HEADS: Record<string, string> = {
  'nt-party-office': 'nt-head-party-office',
  'nt-propaganda': 'nt-head-propaganda',
  'nt-inspection': 'nt-head-inspection',
  'nt-organisation': 'nt-head-organisation',
  'nt-mass-mobilisation': 'nt-head-mass-mobilisation',
  'nt-newspaper': 'nt-head-newspaper',
  'nt-internal-affairs': 'nt-head-internal-affairs',
  'nt-political-school': 'nt-head-political-school',
};

async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]!);
    }),
  );
  return results;
}

function p99(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? 0);
}

async function main(): Promise<void> {
  const nominations = positiveInt('BENCH_NOMINATIONS', 1000);
  const groups = Math.min(positiveInt('BENCH_GROUPS', 60), nominations);
  const concurrency = positiveInt('BENCH_CONCURRENCY', 8);
  quietTemporalLogs();
  const temporal = await startTemporal(process.env);
  process.env[TEMPORAL_TEST_ADDRESS] = temporal.env.connection.options.address;
  const api = await ApiHarness.start();
  const connection = await NativeConnection.connect({ address: temporal.env.connection.options.address });
  const itemMs: number[] = [];
  const timed =
    <A, R>(fn: (input: A) => Promise<R>) =>
    async (input: A): Promise<R> => {
      const t0 = performance.now();
      try {
        return await fn(input);
      } finally {
        itemMs.push(performance.now() - t0);
      }
    };
  const sessions = await createSessionWorker({
    config: api.config,
    stores: api.stores,
    client: api.client,
    connection,
    workflowBundlePath: await testWorkflowBundlePath(join(__dirname, '..', 'workflows', 'index.ts')),
    payloadCodec: null,
    actionVerifier: testActionVerifier,
    wrapActivities: (real): SessionActivities => ({
      applySessionVote: timed(real.applySessionVote),
      closeSessionItem: timed(real.closeSessionItem),
      applyCouncilOpinion: timed(real.applyCouncilOpinion),
      closeCouncilItem: timed(real.closeCouncilItem),
      issueItemDecision: timed(real.issueItemDecision),
    }),
  });
  const expectOk = async (r: Promise<{ status: number; body: unknown }>, what: string) => {
    const response = await r;
    if (response.status >= 300) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as Record<string, unknown>;
  };
  const waitFinished = async (user: string, path: string, applied = false) => {
    for (;;) {
      const response = await api.get(user, path);
      const body = response.body as { progress?: { finished: boolean; done: number; total: number } };
      if (!body.progress) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(body)}`);
      if (body.progress.finished || (applied && body.progress.done === body.progress.total)) return body;
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const log = (line: string) => console.error(`batch: ${line}`);
  const started = performance.now();
  try {
    // 1. Draft and submit, spread over the groups and four proposing units.
    const plan = Array.from({ length: nominations }, (_, i) => ({
      i,
      group: i % groups,
      who: PROPOSERS[i % PROPOSERS.length]!,
    }));
    const ids = await inParallel(plan, concurrency, async ({ who }) => {
      const drafted = await expectOk(
        api.post(
          who.officer,
          '/nominations',
          draftBody({
            nominee: {
              kind: 'individual',
              name: 'Nguyễn Văn An',
              personId: `p-${Math.random().toString(36).slice(2)}`,
              unitId: who.unitId,
            },
          }),
        ),
        'draft',
      );
      const id = String(drafted['nominationId']);
      await expectOk(api.post(who.head, `/nominations/${id}/submit`), 'submit');
      return id;
    });
    log(`${ids.length} nominations submitted after ${Math.round((performance.now() - started) / 1000)} s`);

    // 2. One block session per group, every member unit's ballot, then the close.
    const byGroup = Array.from({ length: groups }, (_, g) =>
      plan.filter((p) => p.group === g).map((p) => ({ id: ids[p.i]!, unitId: p.who.unitId })),
    );
    await inParallel(byGroup, Math.max(1, Math.floor(concurrency / 2)), async (items) => {
      const sessionId = `bench-${Math.random().toString(36).slice(2)}`;
      await expectOk(
        api.post(NT.leader, '/block-sessions', {
          sessionId,
          title: 'Phiên bình xét',
          nominationIds: items.map((i) => i.id),
        }),
        'open',
      );
      for (const [unitId, head] of Object.entries(HEADS)) {
        const choices = items
          .filter((i) => i.unitId !== unitId)
          .map((i) => ({ nominationId: i.id, choice: 'approve' }));
        if (choices.length > 0)
          await expectOk(api.post(head, `/block-sessions/${sessionId}/ballots`, { choices }), 'ballot');
      }
      await waitFinished(NT.leader, `/block-sessions/${sessionId}`, true);
      await expectOk(api.post(NT.leader, `/block-sessions/${sessionId}/close`), 'close');
      await waitFinished(NT.leader, `/block-sessions/${sessionId}`);
    });
    log(`block sessions closed after ${Math.round((performance.now() - started) / 1000)} s`);

    // 3. One council session over all of them.
    const councilId = `bench-council-${Math.random().toString(36).slice(2)}`;
    await expectOk(
      api.post(NT.board, '/council-sessions', {
        sessionId: councilId,
        title: 'Phiên họp Hội đồng',
        nominationIds: ids,
      }),
      'council open',
    );
    const agenda = (await api.get(NT.board, `/council-sessions/${councilId}`)).body as {
      items: { nominationId: string; recusedMemberIds: string[] }[];
    };
    for (const member of [...NT.council, NT.recusedCouncillor]) {
      const approve = agenda.items.filter((i) => !i.recusedMemberIds.includes(member)).map((i) => i.nominationId);
      if (approve.length > 0)
        await expectOk(api.post(member, `/council-sessions/${councilId}/ballots`, { approve }), 'council ballot');
    }
    await waitFinished(NT.board, `/council-sessions/${councilId}`, true);
    await expectOk(api.post(NT.board, `/council-sessions/${councilId}/close`), 'council close');
    await waitFinished(NT.board, `/council-sessions/${councilId}`);
    log(`council session closed after ${Math.round((performance.now() - started) / 1000)} s`);

    // 4. One decision with the list.
    const listId = `bench-163-${Math.random().toString(36).slice(2)}`;
    await expectOk(
      api.post(NT.chairman, '/decision-lists', {
        decisionListId: listId,
        decisionNumber: '163/QĐ-UBND',
        approved: ids,
      }),
      'decision',
    );
    const list = (await waitFinished(NT.chairman, `/decision-lists/${listId}`)) as unknown as {
      items: { result?: string }[];
    };
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    const awarded = list.items.filter((i) => i.result === 'Awarded').length;
    const result = {
      nominations,
      groups,
      seconds,
      itemP99Ms: p99(itemMs),
      itemUpdates: itemMs.length,
      awarded,
      machine: { cpus: cpus().length, loadavg1: Math.round(loadavg()[0]! * 100) / 100 },
      store: api.config.DATABASE_URL ? 'postgresql' : 'pglite',
      server: temporal.server,
      groupsAreNominationSets:
        'dossiers are not on this branch: each group is a set of nominations voted in one block session',
    };
    await writeFile(RESULT_FILE, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    if (awarded !== nominations) process.exitCode = 1;
  } finally {
    await sessions.shutdown().catch(() => undefined);
    await api.stop();
    await connection.close();
    await temporal.env.teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
