// Records the histories of the emulation year's own workflows into
// test/histories/year/, for test/replay/histories.replay.spec.ts to replay
// against the current code: a campaign (created and opened, a nomination
// admitted and given back on its withdrawal, the intake closed by its timer,
// then closed by the Board). The whole API over HTTP, as in the e2e tests; a
// jest project of its own ('record'), which `make test` does not select.
//
//   npm run histories:record-year
//
// Re-record only on purpose, and say in test/histories/README.md which code it came from.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { historyToJSON as historyToJson } from '@temporalio/common/lib/proto-utils';
import { campaignWorkflowId } from '@laurel/workflows/campaign/messages';
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

let api: ApiHarness;

beforeAll(async () => {
  api = await ApiHarness.start();
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

test('records a campaign’s history', async () => {
  const line = await recordCampaign(api);
  console.log(line);
  expect(line).toMatch(/campaign: \d+ history events/);
}, 180_000);
