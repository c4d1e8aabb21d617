// Batch benchmark: 1,000 nominations in 60 dossiers driven to one decision list.
// `npm run bench:batch`; writes bench/results/batch.json and prints it.
//
// The whole system over real HTTP (the e2e harness: the API, the nomination
// worker, the projection runner, on PostgreSQL when one answers on
// 127.0.0.1:5432, else in-memory PGlite) on a Temporal dev server of its own,
// plus the batch worker. One campaign; 60 dossiers (a unit's CSV list, one
// nomination per nominee), imported by four units' officers and submitted by
// their heads; each dossier voted in one block session; every item in one
// council session, then in one decision list. Session views are read from
// the sessions read model (one page of one item while polling).
//
//   BENCH_NOMINATIONS  nominations (default 1000)
//   BENCH_DOSSIERS     dossiers, one block session each (default 60)
//   BENCH_CONCURRENCY  parallel HTTP calls while importing and voting (default 8)
//
// seconds: from the first import to the last item of the decision list decided.
// itemP99Ms: p99 of one item's update inside the batches (a vote, a close, an
// opinion or a decision applied to one nomination by the batch worker).
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SessionActivities } from '@laurel/workflows/session/activities';
import { createSessionWorker } from '../apps/worker/src/session-worker';
import { testActionVerifier } from '../test/support/action-keys';
import { ApiHarness, NT } from '../test/support/api-harness';
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
  const groups = Math.min(positiveInt('BENCH_DOSSIERS', 60), nominations);
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
      // One item is enough to read the progress, which is over the whole agenda.
      const response = await api.get(user, path.includes('sessions/') ? `${path}?limit=1` : path);
      const body = response.body as { progress?: { finished: boolean; done: number; total: number } };
      // A 503 (a busy workflow's query, a read model behind) is retried; anything else is a failure.
      if (response.status === 503) {
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      if (!body.progress) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(body)}`);
      if (body.progress.finished || (applied && body.progress.done === body.progress.total)) return body;
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const log = (line: string) => console.error(`batch: ${line}`);
  const started = performance.now();
  try {
    // 1. One campaign; the dossiers spread over four proposing units, imported and submitted.
    const campaignId = await openCampaign(api);
    const sizes = Array.from(
      { length: groups },
      (_, g) => Math.floor(nominations / groups) + (g < nominations % groups ? 1 : 0),
    );
    // Imports one at a time: each reserves its places in the one campaign, whose workflow takes them in turn.
    const dossiers = await inParallel(
      sizes.map((size, g) => ({ size, g, who: PROPOSERS[g % PROPOSERS.length]! })),
      1,
      async ({ size, g, who }) => {
        const body = dossierBody(campaignId, `D${g}-${randomUUID().slice(0, 6)}`, size);
        // An import that ran out of time resumes when sent again.
        let batch: { dossierId: string; succeeded: number; total: number; items: { nominationId: string }[] };
        for (;;) {
          batch = (await expectOk(api.post(who.officer, '/dossiers', body), 'import')) as typeof batch;
          if (batch.succeeded === batch.total) break;
        }
        for (;;) {
          const submitted = (await expectOk(
            api.post(who.head, `/dossiers/${batch.dossierId}/submit`, {}),
            'submit',
          )) as { succeeded: number; total: number };
          if (submitted.succeeded === submitted.total) break;
        }
        return { dossierId: batch.dossierId, unitId: who.unitId, ids: batch.items.map((i) => i.nominationId) };
      },
    );
    const ids = dossiers.flatMap((d) => d.ids);
    log(
      `${ids.length} nominations in ${dossiers.length} dossiers submitted after ${Math.round((performance.now() - started) / 1000)} s`,
    );

    // 2. One block session per dossier, every member unit's ballot, then the close.
    const byGroup = dossiers.map((d) => d.ids.map((id) => ({ id, unitId: d.unitId })));
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
    const agenda = (await api.get(NT.board, `/council-sessions/${councilId}?limit=2000`)).body as {
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
    // Its minutes, built from the record: every item on the agenda in one document.
    const m0 = performance.now();
    const minutes = await api
      .http()
      .get(`/council-sessions/${councilId}/minutes?format=pdf`)
      .set(await api.authHeader(NT.board))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const minutesMs = Math.round(performance.now() - m0);
    if (minutes.status !== 200) throw new Error(`minutes: ${minutes.status}`);
    log(`council minutes (${(minutes.body as Buffer).length} bytes) in ${minutesMs} ms`);

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
      seconds,
      itemP99Ms: p99(itemMs),
      dossiers: dossiers.length,
      blockSessions: byGroup.length,
      itemsPerBlockSession: {
        min: Math.min(...byGroup.map((g) => g.length)),
        max: Math.max(...byGroup.map((g) => g.length)),
      },
      councilSessions: 1,
      itemsPerCouncilSession: agenda.items.length,
      decisionLists: 1,
      itemsPerDecisionList: list.items.length,
      councilMinutes: { ms: minutesMs, pdfBytes: (minutes.body as Buffer).length },
      itemUpdates: itemMs.length,
      awarded,
      machine: { cpus: cpus().length, loadavg1: Math.round(loadavg()[0]! * 100) / 100 },
      store: api.config.DATABASE_URL ? 'postgresql' : 'pglite',
      server: temporal.server,
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

/** A yearly campaign of the year before, its intake open now, without a quota. */
async function openCampaign(api: ApiHarness): Promise<string> {
  const now = Date.now();
  const response = await api.post(NT.board, '/campaigns', {
    title: `Đợt thi đua năm ${YEAR} ${randomUUID().slice(0, 6)}`,
    kind: 'yearly',
    fromYear: YEAR,
    toYear: YEAR,
    criteria: ['Hoàn thành xuất sắc nhiệm vụ chính trị được giao'],
    plannedAwards: [{ awardType: 'ProvincialCertificateOfMerit' }],
    intakeOpensAt: new Date(now - 3_600_000).toISOString(),
    intakeClosesAt: new Date(now + 48 * 3_600_000).toISOString(),
    open: true,
  });
  if (response.status !== 201) throw new Error(`campaign: ${response.status} ${JSON.stringify(response.body)}`);
  return String((response.body as { campaignId: string }).campaignId);
}

const YEAR = new Date().getUTCFullYear() - 1;
const HEADERS = [
  'STT',
  'Cá nhân/Tập thể (*)',
  'Họ và tên/Tên tập thể (*)',
  'Ngày sinh',
  'Chức vụ',
  'Hình thức khen thưởng (*)',
  'Tóm tắt thành tích (*)',
  'Năm đạt CSTĐCS',
  'Năm HTXSNV',
  'Mã định danh',
];
const NAMES = ['Nguyễn Thị Thu Hà', 'Trần Văn Bình', 'Lê Thị Mỹ Duyên', 'Phạm Quốc Khánh', 'Hoàng Thị Lan'];

/** A unit's list of individuals as CSV (with a byte-order mark), with the evidence sent once for the list. */
function dossierBody(campaignId: string, tag: string, size: number): Record<string, unknown> {
  const rows = [HEADERS.join(',')];
  for (let i = 0; i < size; i++) {
    const years = `"${YEAR - 1}, ${YEAR}"`;
    rows.push(
      [
        String(i + 1),
        'Cá nhân',
        `${NAMES[i % NAMES.length]} ${tag}-${i + 1}`,
        `${10 + (i % 18)}/0${1 + (i % 9)}/19${70 + (i % 29)}`,
        'Chuyên viên',
        'Bằng khen của Chủ tịch UBND tỉnh',
        'Hai năm liền đạt danh hiệu Chiến sĩ thi đua cơ sở.',
        years,
        years,
        `${tag}-${i + 1}`,
      ].join(','),
    );
  }
  return {
    campaignId,
    format: 'csv',
    fileName: `danh-sach-${tag}.csv`,
    contentBase64: Buffer.from(`\uFEFF${rows.join('\r\n')}`, 'utf8').toString('base64'),
    evidence: ['proposal_letter', 'achievement_report', 'unit_council_minutes'].map((kind, i) => ({
      documentId: `dossier-doc-${randomUUID()}`,
      title: ['Tờ trình đề nghị khen thưởng', 'Báo cáo thành tích', 'Biên bản họp Hội đồng thi đua'][i]!,
      kind,
      sizeBytes: 40_000 + i,
      sha256: randomBytes(32).toString('hex'),
    })),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
