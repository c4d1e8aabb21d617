// The audit queries over a real hash-chained PGlite store: history pages,
// state as of a version or an instant, verification (chain + reconciliation
// with fabricated workflow records), store-wide verification and exports.
import { randomUUID } from 'node:crypto';
import type { NominationCommand, NominationState } from '@laurel/domain';
import { InMemoryDirectory } from '@laurel/infra/directory';
import type { Stores } from '@laurel/infra/runtime/stores';
import type { AuthenticatedUser } from '../../apps/api/src/auth/authenticated-user';
import { ApiError } from '../../apps/api/src/common/api-error';
import { ExportAuditEvents } from '../../apps/api/src/audit/export/export-events.query';
import { ExportAuditEventsHandler } from '../../apps/api/src/audit/export/export-events.handler';
import { GetNominationHistory } from '../../apps/api/src/audit/history/get-history.query';
import { GetNominationHistoryHandler } from '../../apps/api/src/audit/history/get-history.handler';
import { GetNominationStateAt } from '../../apps/api/src/audit/state/get-state-at.query';
import { GetNominationStateAtHandler } from '../../apps/api/src/audit/state/get-state-at.handler';
import { VerifyAllNominations, type VerifyAllProgress } from '../../apps/api/src/audit/verify/verify-all.query';
import { VerifyAllNominationsHandler } from '../../apps/api/src/audit/verify/verify-all.handler';
import { VerifyNomination } from '../../apps/api/src/audit/verify/verify-nomination.query';
import { VerifyNominationHandler } from '../../apps/api/src/audit/verify/verify-nomination.handler';
import {
  BLOCK,
  PROPOSING_UNIT,
  PROVINCE,
  baseEvidence,
  draftCommand,
  evidenceOf,
  opinionCommand,
  policy,
  submitCommand,
  voteCommand,
  votes,
  VOTER_UNITS,
} from '../../domain/testing/fixtures';
import { FabricatedWorkflowRecords, openMemoryStores, SimulatedNomination } from './simulated-nomination';
import { testActionVerifier } from '../support/action-keys';

const users = {
  auditor: { userId: 'u-auditor', name: 'Kiểm toán', role: 'auditor', province: PROVINCE },
  admin: { userId: 'u-admin', name: 'Quản trị', role: 'admin' },
  head: { userId: 'u-head', name: 'Trưởng', role: 'unit_head', unitId: PROPOSING_UNIT, blockId: BLOCK },
  otherHead: { userId: 'u-other', name: 'Khác', role: 'unit_head', unitId: 'unit-elsewhere', blockId: 'block-other' },
  leader: { userId: 'u-leader', name: 'Khối trưởng', role: 'block_leader', unitId: 'unit-propaganda', blockId: BLOCK },
  council: { userId: 'u-council-1', name: 'Hội đồng', role: 'council_member' },
  otherAuditor: { userId: 'u-auditor-2', name: 'Kiểm toán khác', role: 'auditor', province: 'ninh-thuan' },
} as const satisfies Record<string, AuthenticatedUser>;

const fighter: NominationCommand[] = [
  draftCommand({
    awardType: 'ProvincialEmulationFighter',
    record: {
      titles: [2022, 2023, 2024].map((year) => ({ year, title: 'GrassrootsEmulationFighter' as const })),
      ratings: [],
      initiatives: [{ year: 2024, title: 'Số hoá hồ sơ đảng viên toàn tỉnh', scope: 'province' }],
    },
    evidence: [...baseEvidence, evidenceOf('initiative_certificate')],
  }),
  submitCommand(),
  // Each action at its own instant, so that every state can be named by a time.
  ...VOTER_UNITS.map((unit, i) => voteCommand(unit, 'approve', 2 + i)),
  opinionCommand(1, 'approve', 30),
  opinionCommand(2, 'reject', 31),
];

let stores: Stores;
let workflows: FabricatedWorkflowRecords;
let history: GetNominationHistoryHandler;
let stateAt: GetNominationStateAtHandler;
let verify: VerifyNominationHandler;
let verifyAll: VerifyAllNominationsHandler;
let exporter: ExportAuditEventsHandler;

/** A secret-ballot nomination in council review, with the workflow's state recorded after each action. */
let secret: SimulatedNomination;
const statesAfter: NominationState[] = [];

beforeAll(async () => {
  stores = await openMemoryStores();
  workflows = new FabricatedWorkflowRecords();
  history = new GetNominationHistoryHandler(
    stores,
    new InMemoryDirectory({ provinces: [], blocks: [], units: [], users: [] }),
  );
  stateAt = new GetNominationStateAtHandler(stores);
  verify = new VerifyNominationHandler(stores, workflows, testActionVerifier);
  verifyAll = new VerifyAllNominationsHandler(stores, testActionVerifier);
  exporter = new ExportAuditEventsHandler(stores);

  secret = new SimulatedNomination(stores.events, `secret-${randomUUID()}`, policy);
  for (const command of fighter) {
    await secret.update(command);
    statesAfter.push(secret.queriedState());
  }
  workflows.add(secret);
}, 60_000);
afterAll(async () => {
  await stores?.close();
});

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, code: error.code };
    throw error;
  }
  throw new Error('expected a refusal');
}

async function text(lines: AsyncIterable<string>): Promise<string> {
  let all = '';
  for await (const line of lines) all += line;
  return all;
}

describe('history', () => {
  it('lists every event with who, when, position and hashes, secret choices sealed', async () => {
    const page = await history.execute(new GetNominationHistory(users.auditor, secret.nominationId));
    const stream = await secret.stream();
    expect(page).toMatchObject({
      nominationId: secret.nominationId,
      streamVersion: stream.length,
      nextFromVersion: null,
    });
    expect(page.events.map((e) => e.version)).toEqual(stream.map((e) => e.version));
    expect(page.events[0]).toMatchObject({
      type: 'NominationDrafted',
      actor: { userId: 'u-officer', role: 'unit_officer' },
      hash: stream[0]!.metadata['hash'],
      prevHash: '0'.repeat(64),
      causationId: secret.updateIds[0],
      recordedAt: stream[0]!.recordedAt,
    });
    expect(page.events[0]!.position).toMatch(/^\d+\.\d+$/);
    const opinions = page.events.filter((e) => e.type === 'CouncilOpinionRecorded');
    expect(opinions.map((e) => [e.data['ballot'], e.data['recommendation']])).toEqual([
      ['secret', 'sealed'],
      ['secret', 'sealed'],
    ]);
    expect(JSON.stringify(opinions)).not.toMatch(/approve|reject/);
  });

  it('pages with fromVersion and limit', async () => {
    const first = await history.execute(new GetNominationHistory(users.auditor, secret.nominationId, 1, 3));
    expect(first.events.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(first.nextFromVersion).toBe(4);
    const rest = await history.execute(new GetNominationHistory(users.auditor, secret.nominationId, 4, 1000));
    expect(rest.events[0]!.version).toBe(4);
    expect(rest.nextFromVersion).toBeNull();
  });

  it('is open to admins, the proposing unit and its block leader; closed to other units and roles', async () => {
    const read = (user: AuthenticatedUser) => history.execute(new GetNominationHistory(user, secret.nominationId));
    await expect(read(users.admin)).resolves.toMatchObject({ nominationId: secret.nominationId });
    await expect(read(users.head)).resolves.toMatchObject({ nominationId: secret.nominationId });
    await expect(read(users.leader)).resolves.toMatchObject({ nominationId: secret.nominationId });
    expect(await refusal(read(users.otherHead))).toEqual({ status: 403, code: 'OUT_OF_SCOPE' });
    expect(await refusal(read(users.council))).toEqual({ status: 403, code: 'ROLE_NOT_ALLOWED' });
  });

  it('answers 404 for an unknown nomination and 400 for an impossible id', async () => {
    expect(await refusal(history.execute(new GetNominationHistory(users.auditor, 'no-such-nomination')))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect(await refusal(history.execute(new GetNominationHistory(users.auditor, 'a/b')))).toEqual({
      status: 400,
      code: 'INVALID_QUERY',
    });
  });
});

describe('state as of', () => {
  it('equals the workflow state after each action, by version', async () => {
    for (const recorded of statesAfter) {
      const { state, asOf } = await stateAt.execute(
        new GetNominationStateAt(users.auditor, secret.nominationId, { version: recorded.version }),
      );
      expect(asOf.version).toBe(recorded.version);
      expect(JSON.parse(JSON.stringify(state))).toEqual(recorded);
    }
  });

  it('equals the workflow state after each action, by the time of its last event', async () => {
    for (const recorded of statesAfter) {
      if (recorded.stage === 'Initial') continue;
      const { state } = await stateAt.execute(
        new GetNominationStateAt(users.auditor, secret.nominationId, { at: recorded.lastEventAt }),
      );
      expect(JSON.parse(JSON.stringify(state))).toEqual(recorded);
    }
  });

  it('between two actions shows the earlier one; before the first, the initial state; with nothing, the latest', async () => {
    const submitted = statesAfter[1]!;
    const voted = statesAfter[2]!;
    if (submitted.stage === 'Initial' || voted.stage === 'Initial') throw new Error('unexpected initial state');
    const between = new Date((Date.parse(submitted.lastEventAt) + Date.parse(voted.lastEventAt)) / 2).toISOString();
    const mid = await stateAt.execute(new GetNominationStateAt(users.auditor, secret.nominationId, { at: between }));
    expect(mid.state).toEqual(submitted);
    expect(mid.asOf).toMatchObject({ version: submitted.version, lastEventAt: submitted.lastEventAt });

    const before = await stateAt.execute(
      new GetNominationStateAt(users.auditor, secret.nominationId, { at: '2000-01-01T00:00:00Z' }),
    );
    expect(before.state).toEqual({ stage: 'Initial', version: 0 });
    expect(before.asOf.lastEventAt).toBeNull();

    const latest = await stateAt.execute(new GetNominationStateAt(users.auditor, secret.nominationId, undefined));
    expect(JSON.parse(JSON.stringify(latest.state))).toEqual(statesAfter[statesAfter.length - 1]);
  });

  it('keeps secret choices sealed', async () => {
    const { state } = await stateAt.execute(new GetNominationStateAt(users.auditor, secret.nominationId, undefined));
    expect(state.stage === 'CouncilReview' && state.council.opinions.map((o) => o.recommendation)).toEqual([
      'sealed',
      'sealed',
    ]);
  });

  it('refuses a version past the end (400) and an unknown nomination (404)', async () => {
    const past = secret.state.version + 1;
    expect(
      await refusal(stateAt.execute(new GetNominationStateAt(users.auditor, secret.nominationId, { version: past }))),
    ).toEqual({ status: 400, code: 'INVALID_QUERY' });
    expect(await refusal(stateAt.execute(new GetNominationStateAt(users.auditor, 'nobody', undefined)))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
    });
  });
});

describe('verify', () => {
  it('passes a nomination whose chain holds and whose workflow agrees', async () => {
    const result = await verify.execute(new VerifyNomination(users.auditor, secret.nominationId));
    expect(result).toMatchObject({
      ok: true,
      chain: { ok: true, events: secret.state.version, firstBroken: null },
      reconciliation: { ok: true, status: 'checked', problems: [], runId: secret.runId },
      firstBroken: null,
    });
  });

  it('names the tampered event after an SQL UPDATE of its data', async () => {
    const sim = new SimulatedNomination(stores.events, `tampered-${randomUUID()}`, policy);
    await sim.update(draftCommand());
    await sim.update(submitCommand());
    for (const vote of votes(['approve', 'reject'])) await sim.update(vote);
    workflows.add(sim);
    const target = (await sim.stream())[3]!;
    await stores.sql.query(
      `UPDATE laurel.events SET data = jsonb_set(data, '{choice}', '"approve"') WHERE event_id = $1`,
      [target.id],
    );

    const result = await verify.execute(new VerifyNomination(users.auditor, sim.nominationId));
    expect(result.ok).toBe(false);
    expect(result.chain).toEqual({
      ok: false,
      events: 4,
      hashVersions: { 1: 0, 2: 3 },
      firstBroken: { version: 4, eventId: target.id, reason: 'hash_mismatch' },
    });
    expect(result.firstBroken).toMatchObject({ version: 4, eventId: target.id, reason: 'hash_mismatch' });
    // The workflow still holds the real vote, so folding the altered stream parts from it too.
    expect(result.reconciliation.problems).toEqual([
      expect.objectContaining({ code: 'state_mismatch', path: 'blockVote.votes[1].choice' }),
    ]);
  });

  it('checks the chain alone, and says so, when Temporal no longer has the workflow', async () => {
    const sim = new SimulatedNomination(stores.events, `retired-${randomUUID()}`, policy);
    await sim.update(draftCommand());
    const result = await verify.execute(new VerifyNomination(users.auditor, sim.nominationId));
    expect(result).toMatchObject({
      ok: true,
      chain: { ok: true },
      reconciliation: {
        ok: false,
        status: 'unavailable',
        problems: [expect.objectContaining({ code: 'workflow_unavailable' })],
      },
    });
  });

  it('is for auditors (of the province) and admins only', async () => {
    expect(await refusal(verify.execute(new VerifyNomination(users.head, secret.nominationId)))).toEqual({
      status: 403,
      code: 'ROLE_NOT_ALLOWED',
    });
    expect(await refusal(verify.execute(new VerifyNomination(users.otherAuditor, secret.nominationId)))).toEqual({
      status: 403,
      code: 'OUT_OF_SCOPE',
    });
    await expect(verify.execute(new VerifyNomination(users.admin, secret.nominationId))).resolves.toMatchObject({
      ok: true,
    });
  });
});

describe('verify all', () => {
  it('counts every nomination stream and lists the broken ones, reporting progress', async () => {
    const progress: VerifyAllProgress[] = [];
    const result = await verifyAll.execute(new VerifyAllNominations(users.auditor, (p) => progress.push(p)));
    expect(result.ok).toBe(false);
    expect(result.streams).toBeGreaterThanOrEqual(3);
    expect(result.failures).toEqual([
      expect.objectContaining({
        nominationId: expect.stringMatching(/^tampered-/),
        firstBroken: expect.objectContaining({ version: 4, reason: 'hash_mismatch' }),
      }),
    ]);
    expect(progress[progress.length - 1]).toEqual({ done: result.events, streams: result.streams, brokenStreams: 1 });
    expect(await refusal(verifyAll.execute(new VerifyAllNominations(users.leader)))).toEqual({
      status: 403,
      code: 'ROLE_NOT_ALLOWED',
    });
  });
});

describe('export', () => {
  let year: number;
  let inYear: SimulatedNomination;
  beforeAll(async () => {
    // Past, and unlike the 2024 of every other nomination in this store.
    year = 2019;
    inYear = new SimulatedNomination(stores.events, `export-${randomUUID()}`, policy);
    // The draft starts in another year and is edited into `year`: the export follows the edit.
    await inYear.update(draftCommand({ campaignYear: 2024 }));
    await inYear.update({
      ...draftCommand(),
      type: 'EditDraft',
      changes: { campaignYear: year, achievements: 'Dòng 1,\n"trích"' },
    } as NominationCommand);
    const elsewhere = new SimulatedNomination(stores.events, `export-other-${randomUUID()}`, policy);
    await elsewhere.update(draftCommand({ campaignYear: year, blockId: 'block-other' } as never));
  }, 60_000);

  it('streams the matching nominations as NDJSON, one event per line', async () => {
    const result = await exporter.execute(new ExportAuditEvents(users.auditor, 'ndjson', { year, blockId: BLOCK }));
    expect(result).toMatchObject({ nominations: 1, events: 2, contentType: expect.stringContaining('ndjson') });
    const lines = (await text(result.lines))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l['nominationId'], l['version'], l['type']])).toEqual([
      [inYear.nominationId, 1, 'NominationDrafted'],
      [inYear.nominationId, 2, 'DraftEdited'],
    ]);
  });

  it('writes CSV with the agreed columns, quoting what needs it', async () => {
    const result = await exporter.execute(new ExportAuditEvents(users.auditor, 'csv', { year }));
    expect(result.nominations).toBe(2);
    const body = await text(result.lines);
    const [header] = body.split('\r\n');
    expect(header).toBe(
      '\uFEFFnominationId,version,type,recordedAt,actorUserId,actorRole,actorUnitId,prevHash,hash,data',
    );
    const stream = await inYear.stream();
    expect(body).toContain(
      `${inYear.nominationId},2,DraftEdited,${stream[1]!.recordedAt},u-officer,unit_officer,${PROPOSING_UNIT},${String(stream[1]!.metadata['prevHash'])},${String(stream[1]!.metadata['hash'])},"{`,
    );
    expect(body).toContain('""achievements"":""Dòng 1,\\n\\""trích\\""""');
  });

  it('seals secret ballots in exports too', async () => {
    const result = await exporter.execute(new ExportAuditEvents(users.auditor, 'ndjson', {}));
    const body = await text(result.lines);
    const opinions = body.split('\n').filter((l) => l.includes('CouncilOpinionRecorded'));
    expect(opinions.length).toBeGreaterThanOrEqual(2);
    for (const line of opinions) expect(line).toContain('"recommendation":"sealed"');
  });

  it('is for auditors and admins only', async () => {
    expect(await refusal(exporter.execute(new ExportAuditEvents(users.head, 'csv', {})))).toEqual({
      status: 403,
      code: 'ROLE_NOT_ALLOWED',
    });
  });
});
