// Records the histories of the emulation year's own workflows into
// test/histories/year/, for test/replay/histories.replay.spec.ts to replay
// against the current code: a campaign (created and opened, a nomination
// admitted and given back on its withdrawal, the intake closed by its timer,
// then closed by the Board), and two nominations through one block session,
// one council session and one decision list (one awarded, one not). The whole API over HTTP, as in the e2e tests; a
// jest project of its own ('record'), which `make test` does not select.
//
//   npm run histories:record-year
//
// Re-record only on purpose, and say in test/histories/README.md which code it came from.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { historyToJSON as historyToJson } from '@temporalio/common/lib/proto-utils';
import type { NativeConnection } from '@temporalio/worker';
import { campaignWorkflowId } from '@laurel/workflows/campaign/messages';
import {
  blockSessionWorkflowId,
  councilSessionWorkflowId,
  decisionListWorkflowId,
} from '@laurel/workflows/session/messages';
import type { RunningWorker } from '../../apps/worker/src/nomination-worker';
import { createSessionWorker } from '../../apps/worker/src/session-worker';
import { testActionVerifier } from '../support/action-keys';
import { testWorkflowBundlePath } from '../support/nomination-harness';
import { connectToTestServer } from '../support/worker';
import { ApiHarness, NT } from '../support/api-harness';

const YEAR_HISTORIES_DIR = join(__dirname, '..', 'histories', 'year');

const EVIDENCE = ['proposal_letter', 'achievement_report', 'unit_council_minutes'].map((kind, i) => ({
  documentId: `history-doc-${i}`,
  title: `Tài liệu ${i + 1}`,
  kind,
  sizeBytes: 1000 + i,
  sha256: String(i).repeat(64),
}));

function ok(response: { status: number; body: unknown }, what: string): Record<string, unknown> {
  if (response.status >= 300) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Record<string, unknown>;
}

async function recordCampaign(api: ApiHarness): Promise<string> {
  const year = new Date().getUTCFullYear() - 1;
  const now = Date.now();
  const created = ok(
    await api.post(NT.board, '/campaigns', {
      title: `Phong trào thi đua năm ${year}`,
      kind: 'yearly',
      fromYear: year,
      toYear: year,
      criteria: ['Hoàn thành xuất sắc nhiệm vụ chính trị được giao'],
      plannedAwards: [{ awardType: 'ProvincialCertificateOfMerit', quota: 2 }],
      intakeOpensAt: new Date(now - 3_600_000).toISOString(),
      // Closed by the workflow's own timer while the recording waits.
      intakeClosesAt: new Date(now + 8_000).toISOString(),
      open: true,
    }),
    'create the campaign',
  );
  const campaignId = created.campaignId as string;
  const drafted = ok(
    await api.post(NT.officer, '/nominations', {
      nominee: { kind: 'individual', name: 'Nguyễn Văn Lịch Sử', personId: 'history-person' },
      awardType: 'ProvincialCertificateOfMerit',
      campaignYear: year,
      achievements: 'Hoàn thành xuất sắc nhiệm vụ hai năm liền.',
      record: {
        titles: [
          { year: year - 1, title: 'GrassrootsEmulationFighter' },
          { year, title: 'GrassrootsEmulationFighter' },
        ],
        ratings: [],
        initiatives: [],
      },
      evidence: EVIDENCE,
      campaignId,
    }),
    'draft a nomination in the campaign',
  );
  ok(
    await api.post(NT.head, `/nominations/${drafted.nominationId as string}/withdraw`, { reason: 'Rút đề nghị.' }),
    'withdraw it',
  );
  const handle = api.client.workflow.getHandle(campaignWorkflowId(campaignId));
  for (let i = 0; i < 60; i++) {
    const view = ok(await api.get(NT.board, `/campaigns/${campaignId}`), 'read the campaign');
    if (view.stage !== 'Open') break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  ok(await api.post(NT.board, `/campaigns/${campaignId}/close`, { reason: 'Kết thúc đợt thi đua.' }), 'close it');
  await handle.result();
  const history = await handle.fetchHistory();
  const file = join(YEAR_HISTORIES_DIR, 'campaign.json');
  await writeFile(file, historyToJson(history) + '\n');
  return `campaign: ${history.events?.length ?? 0} history events -> ${file}`;
}

async function save(workflowId: string, name: string): Promise<string> {
  const handle = api.client.workflow.getHandle(workflowId);
  await handle.result();
  const history = await handle.fetchHistory();
  const file = join(YEAR_HISTORIES_DIR, `${name}.json`);
  await writeFile(file, historyToJson(history) + '\n');
  return `${name}: ${history.events?.length ?? 0} history events -> ${file}`;
}

async function until(path: string, user: string, finished: (body: Record<string, unknown>) => boolean) {
  for (let i = 0; i < 240; i++) {
    const body = ok(await api.get(user, path), `read ${path}`);
    if (finished(body)) return body;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${path} never finished`);
}

const finishedProgress = (body: Record<string, unknown>) => (body.progress as { finished?: boolean }).finished === true;

/** Two nominations through one block session, one council session and one decision list (one awarded, one not). */
async function recordSessions(): Promise<string[]> {
  const ids = [(await api.submitted()).nominationId, (await api.submitted()).nominationId];
  const blockSessionId = 'history-block-session';
  ok(
    await api.post(NT.leader, '/block-sessions', {
      sessionId: blockSessionId,
      title: 'Hội nghị tổng kết Khối các cơ quan Đảng tỉnh',
      nominationIds: ids,
    }),
    'open the block session',
  );
  for (const head of NT.voters) {
    ok(
      await api.post(head, `/block-sessions/${blockSessionId}/ballots`, {
        choices: ids.map((nominationId) => ({ nominationId, choice: 'approve' })),
      }),
      `${head}'s ballot`,
    );
  }
  await until(`/block-sessions/${blockSessionId}`, NT.leader, (b) => {
    const p = b.progress as { done: number; total: number };
    return p.done === p.total;
  });
  ok(await api.post(NT.leader, `/block-sessions/${blockSessionId}/close`), 'close the block session');
  await until(`/block-sessions/${blockSessionId}`, NT.leader, finishedProgress);

  const councilSessionId = 'history-council-session';
  ok(
    await api.post(NT.board, '/council-sessions', {
      sessionId: councilSessionId,
      title: 'Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh',
      nominationIds: ids,
    }),
    'open the council session',
  );
  for (const member of NT.council) {
    ok(
      await api.post(member, `/council-sessions/${councilSessionId}/ballots`, {
        choices: ids.map((nominationId) => ({ nominationId, recommendation: 'approve' })),
      }),
      `${member}'s ballot`,
    );
  }
  ok(await api.post(NT.board, `/council-sessions/${councilSessionId}/close`), 'close the council session');
  await until(`/council-sessions/${councilSessionId}`, NT.board, finishedProgress);

  const decisionListId = 'history-decision-list';
  ok(
    await api.post(NT.chairman, '/decision-lists', {
      decisionListId,
      decisionNumber: '163/QĐ-UBND',
      items: [
        { nominationId: ids[0], outcome: 'approved' },
        { nominationId: ids[1], outcome: 'rejected', reason: 'Thành tích chưa tiêu biểu so với các đơn vị trong khối' },
      ],
    }),
    'issue the decision list',
  );
  await until(`/decision-lists/${decisionListId}`, NT.chairman, finishedProgress);
  return [
    await save(blockSessionWorkflowId(blockSessionId), 'block-session'),
    await save(councilSessionWorkflowId(councilSessionId), 'council-session'),
    await save(decisionListWorkflowId(decisionListId), 'decision-list'),
  ];
}

let api: ApiHarness;
let connection: NativeConnection;
let sessions: RunningWorker;

beforeAll(async () => {
  api = await ApiHarness.start();
  connection = await connectToTestServer();
  sessions = await createSessionWorker({
    config: api.config,
    stores: api.stores,
    client: api.client,
    connection,
    workflowBundlePath: await testWorkflowBundlePath(),
    payloadCodec: null,
    actionVerifier: testActionVerifier,
  });
}, 180_000);

afterAll(async () => {
  await sessions?.shutdown().catch(() => undefined);
  await api?.stop();
  await connection?.close();
});

test('records a campaign’s history', async () => {
  const line = await recordCampaign(api);
  console.log(line);
  expect(line).toMatch(/campaign: \d+ history events/);
}, 180_000);

test('records a block session’s, a council session’s and a decision list’s histories', async () => {
  const lines = await recordSessions();
  console.log(lines.join('\n'));
  expect(lines).toHaveLength(3);
}, 600_000);
