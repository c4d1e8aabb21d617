// The demo data loader as people run it (`tsx scripts/demo-data.ts`), against
// the real API with Hà Tĩnh on the demo clock: every stage and outcome of the
// demo is there after one run, a half-loaded nomination is taken on where it
// stopped, a second run creates nothing, and an unreachable API or a wrong
// password ends with a clear message and a non-zero exit code.
import { spawn } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { NominationState } from '@laurel/domain';
import { formatPosition } from '@laurel/infra/event-store/port';
import { campaignYearAt, draftBody, type ListItem } from '../../scripts/demo/loader';
import { demoScenarios, type Scenario } from '../../scripts/demo/scenarios';
import { ADMIN, ApiHarness, type ActionBody } from '../support/api-harness';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const SCRIPT = join(ROOT, 'scripts', 'demo-data.ts');
const LOAD_TIMEOUT_MS = 240_000;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let api: ApiHarness;
const year = campaignYearAt(new Date());
const scenarios = demoScenarios(year);

function scenario(key: string): Scenario {
  const found = scenarios.find((s) => s.key === key);
  if (!found) throw new Error(`no demo scenario ${key}`);
  return found;
}

function demoData(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [SCRIPT, ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? ROOT,
        LAUREL_DEMO_PASSWORD: api.password,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The store's head: reads passing it see everything the loader wrote (read-your-writes). */
async function head(): Promise<string> {
  return formatPosition(await api.stores.events.headPosition());
}

/** Every nomination of the demo's blocks for this campaign, as the admin reads the list. */
async function listed(): Promise<ListItem[]> {
  const items: ListItem[] = [];
  const position = await head();
  for (const block of [...new Set(scenarios.map((s) => s.blockId))]) {
    const response = await api.get(ADMIN, `/nominations?block=${block}&year=${year}&limit=200&position=${position}`);
    expect(response.status).toBe(200);
    items.push(...(response.body as { items: ListItem[] }).items);
  }
  return items;
}

function itemOf(items: readonly ListItem[], s: Scenario): ListItem {
  const matches = items.filter(
    (i) => i.proposingUnitId === s.unitId && i.nomineeName === s.nominee.name && i.awardType === s.awardType,
  );
  expect(matches).toHaveLength(1);
  return matches[0]!;
}

async function stateOf(nominationId: string): Promise<NominationState> {
  const response = await api.get(ADMIN, `/nominations/${nominationId}`);
  expect(response.status).toBe(200);
  return (response.body as { state: NominationState }).state;
}

function listening(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

/** A port nothing listens on: taken from the system, then let go. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function minutesAhead(iso: string | null): number {
  expect(iso).not.toBeNull();
  return (Date.parse(iso!) - Date.now()) / 60_000;
}

beforeAll(async () => {
  api = await ApiHarness.start({ LAUREL_DEMO_FAST_PROVINCES: 'ha-tinh' });
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

describe('demo data loader', () => {
  let first: Run;
  let items: ListItem[];
  let halfLoaded: string;

  beforeAll(async () => {
    // An interrupted earlier run: the newspaper's certificate drafted, submitted and voted on by two units only.
    const newspaper = scenario('nt-merit-newspaper');
    const drafted = await api.act(newspaper.officer, '/nominations', draftBody(newspaper, year), 201);
    halfLoaded = drafted.nominationId;
    await api.act(newspaper.head, `/nominations/${halfLoaded}/submit`);
    let last: ActionBody | undefined;
    for (const step of newspaper.steps.filter((s) => s.kind === 'vote').slice(0, 2)) {
      if (step.kind === 'vote')
        last = await api.act(step.by, `/nominations/${halfLoaded}/votes`, { choice: step.choice });
    }
    // The list must show it before the loader looks.
    const seen = await api.get(ADMIN, `/nominations?year=${year}`, { 'X-Laurel-Position': last!.position });
    expect(seen.status).toBe(200);

    const started = Date.now();
    first = await demoData(['--url', api.baseUrl]);
    console.log(`demo data: first load took ${((Date.now() - started) / 1000).toFixed(1)} s\n${first.stdout}`);
    items = await listed();
  }, LOAD_TIMEOUT_MS);

  it('loads every scenario in one run, taking on the half-loaded one where it stopped', () => {
    expect(first.stderr).not.toMatch(/failed/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      new RegExp(
        `Campaign ${year}: ${scenarios.length} demo nominations — ${scenarios.length - 1} created, 1 resumed, 0 already there`,
      ),
    );
    expect(first.stdout).toMatch(/Hà Tĩnh runs on the demo clock/);
    expect(items).toHaveLength(scenarios.length);
    expect(itemOf(items, scenario('nt-merit-newspaper')).nominationId).toBe(halfLoaded);
  });

  it('leaves every nomination at its stage and outcome', () => {
    for (const s of scenarios) {
      const item = itemOf(items, s);
      expect({ key: s.key, stage: item.stage, outcome: item.outcome }).toEqual({
        key: s.key,
        stage: s.expected.stage,
        // The list reports an award taken back as Revoked.
        outcome: s.expected.revoked ? 'Revoked' : (s.expected.outcome ?? null),
      });
      expect(item.campaignYear).toBe(year);
    }
    const outcomes = new Set(items.map((i) => i.outcome ?? i.stage));
    for (const wanted of [
      'Draft',
      'BlockVote',
      'CouncilReview',
      'AwaitingSupplement',
      'ProvincialDecision',
      'Awarded',
      'NotAwarded',
      'Withdrawn',
      'Revoked',
    ]) {
      expect(outcomes).toContain(wanted);
    }
  });

  it('gives Ninh Thuận working-day deadlines, and Hà Tĩnh deadlines minutes away', () => {
    for (const s of scenarios.filter((x) => x.expected.stage !== 'Closed' && x.expected.stage !== 'Draft')) {
      const ahead = minutesAhead(itemOf(items, s).stageDeadline);
      if (s.demoClock) {
        expect(ahead).toBeGreaterThan(0);
        expect(ahead).toBeLessThanOrEqual(4);
      } else {
        // Ten working days or more: at least two calendar weeks.
        expect(ahead).toBeGreaterThan(13 * 24 * 60);
      }
    }
  });

  it('records what each case shows: votes, opinions, the supplement, the decisions', async () => {
    const flag = await stateOf(itemOf(items, scenario('nt-flag-party-office')).nominationId);
    expect(flag.stage === 'BlockVote' && flag.blockVote.votes.length).toBe(4);
    expect(flag.stage !== 'Initial' && flag.evidence.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['proposal_letter', 'achievement_report', 'unit_council_minutes', 'prior_decision']),
    );
    expect(flag.stage !== 'Initial' && flag.evidence.every((e) => /^[0-9a-f]{64}$/.test(e.sha256))).toBe(true);

    const inspection = await stateOf(itemOf(items, scenario('nt-merit-inspection')).nominationId);
    expect(inspection.stage === 'CouncilReview' && inspection.council.opinions.length).toBe(3);
    expect(inspection.stage === 'CouncilReview' && inspection.blockVote.closedBy).toBe('leader');

    const awarded = await stateOf(halfLoaded);
    expect(awarded.stage === 'Closed' && awarded.decision).toMatchObject({
      outcome: 'approved',
      decisionNumber: '163/QĐ-UBND',
    });
    expect(awarded.stage === 'Closed' && awarded.blockVote?.votes.length).toBe(7);

    const supplement = await stateOf(itemOf(items, scenario('nt-elc-supplement-propaganda')).nominationId);
    expect(supplement.stage === 'AwaitingSupplement' && supplement.supplements[0]).toMatchObject({
      reason: expect.stringContaining('Lao động tiên tiến') as unknown,
      requestedBy: 'nt-board-officer',
    });

    // Awarded, then revoked: the decision stays, the revocation sits beside it.
    const revoked = await stateOf(itemOf(items, scenario('lc-merit-revoked-youth')).nominationId);
    expect(revoked.stage === 'Closed' && revoked.decision?.decisionNumber).toBe('2087/QĐ-UBND');
    expect(revoked.stage === 'Closed' && revoked.revocation).toMatchObject({
      ground: 'forged_documents',
      decisionNumber: '412/QĐ-UBND',
      revokedBy: 'lc-chairman',
    });

    const blockRejected = await stateOf(itemOf(items, scenario('lc-merit-block-rejected-red-cross')).nominationId);
    expect(blockRejected.stage === 'Closed' && blockRejected.closedReason).toBe('block_vote_failed');
    const tally = blockRejected.stage === 'Closed' ? blockRejected.blockVote?.tally : undefined;
    expect(tally!.reject).toBeGreaterThan(tally!.approve);

    const chairmanRejected = await stateOf(
      itemOf(items, scenario('lc-merit-chairman-rejected-red-cross')).nominationId,
    );
    expect(chairmanRejected.stage === 'Closed' && chairmanRejected.decision).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringContaining('một thành tích chỉ khen một lần') as unknown,
    });

    const draft = await stateOf(itemOf(items, scenario('nt-fighter-draft-propaganda')).nominationId);
    expect(draft.stage !== 'Initial' && draft.nomination.nominee).toMatchObject({
      kind: 'individual',
      name: 'Phạm Thị Ngọc Trâm',
    });
  });

  it('puts the near deadlines in the inboxes: the chairman to decide, the Board to review', async () => {
    const decision = itemOf(items, scenario('lc-merit-decision-youth')).nominationId;
    const position = await head();
    const chairman = await api.get('lc-chairman', `/tasks?position=${position}`);
    expect((chairman.body as { items: { nominationId: string; action: string }[] }).items).toContainEqual(
      expect.objectContaining({ nominationId: decision, action: 'decide' }),
    );
    const board = await api.get('ht-board-officer', `/tasks?position=${position}`);
    const council = itemOf(items, scenario('ht-merit-council-finance')).nominationId;
    const task = (board.body as { items: { nominationId: string; action: string; dueAt: string | null }[] }).items.find(
      (t) => t.nominationId === council && t.action === 'close_council_review',
    );
    expect(minutesAhead(task?.dueAt ?? null)).toBeLessThanOrEqual(4);
  });

  it(
    'creates nothing on a second run and says everything is already there',
    async () => {
      const versions = await Promise.all(items.map((i) => api.streamVersion(i.nominationId)));
      const second = await demoData([], { LAUREL_URL: api.baseUrl });
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(
        new RegExp(`${scenarios.length} demo nominations — 0 created, 0 resumed, ${scenarios.length} already there`),
      );
      expect(await listed()).toHaveLength(scenarios.length);
      expect(await Promise.all(items.map((i) => api.streamVersion(i.nominationId)))).toEqual(versions);
    },
    LOAD_TIMEOUT_MS,
  );

  it('says so and exits 3 when the API cannot be reached', async () => {
    const port = await closedPort();
    const run = await demoData(['--url', `http://127.0.0.1:${port}`]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`cannot reach the Laurel API at http://127.0.0.1:${port}: ECONNREFUSED`);
    expect(run.stderr).toMatch(/make up/);
  });

  it('shows the API’s refusal and exits 1 when the demo password is wrong', async () => {
    const run = await demoData(['--url', api.baseUrl], { LAUREL_DEMO_PASSWORD: 'not-the-password' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/POST \/auth\/token → 401 \w+/);
    expect(run.stderr).toMatch(/LAUREL_DEMO_PASSWORD/);
  });

  it('stops at a refused step and shows the API’s error, exit 1', async () => {
    // An API that refuses every draft the way Laurel refuses a second nomination of one achievement.
    const refusing = createHttpServer((request, response) => {
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      request.resume();
      request.on('end', () => {
        if (request.url === '/auth/token')
          return json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 });
        if (request.method === 'GET') return json(200, { items: [], nextCursor: null });
        json(409, {
          error: {
            code: 'ALREADY_NOMINATED',
            message: 'this achievement is already nominated',
            details: { nominationId: 'n-1' },
          },
        });
      });
    });
    const url = await listening(refusing);
    try {
      const run = await demoData(['--url', url]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/: draft by \S+ failed\n/);
      expect(run.stderr).toContain('POST /nominations → 409 ALREADY_NOMINATED: this achievement is already nominated');
      expect(run.stderr).toContain('details: {"nominationId":"n-1"}');
    } finally {
      await new Promise((resolve) => refusing.close(resolve));
    }
  });

  it('refuses a malformed --url with its usage and exit code 2', async () => {
    const run = await demoData(['--url', 'ftp://example']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/usage: npx tsx scripts\/demo-data\.ts/);
  });
});
