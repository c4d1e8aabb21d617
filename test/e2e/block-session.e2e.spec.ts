// Block and council sessions over real HTTP with their own session worker. Over 400 lines on purpose: the cases
// share one stack (API, nomination and session workers, Temporal) whose start costs more than any case.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NativeConnection } from '@temporalio/worker';
import { comparePositions, formatPosition } from '@laurel/infra/event-store/port';
import type { SessionActivities } from '@laurel/workflows/session/activities';
import type { RunningWorker } from '../../apps/worker/src/nomination-worker';
import { createSessionWorker } from '../../apps/worker/src/session-worker';
import { DemoUsers } from '../../scripts/demo/users';
import { loadDemoLists } from '../../scripts/demo/lists';
import { ApiHarness, draftBody, expectError, NT } from '../support/api-harness';
import { testActionVerifier } from '../support/action-keys';
import { testWorkflowBundlePath } from '../support/nomination-harness';
import { connectToTestServer } from '../support/worker';

jest.setTimeout(240_000);

const YEAR = new Date().getUTCFullYear() - 1;

/** A collective the national rules accept for the provincial flag (acclamation is the session's). */
function flagBody(unitId: string, name: string): Record<string, unknown> {
  const base = draftBody();
  return {
    ...base,
    nominee: { kind: 'collective', name, unitId },
    awardType: 'ProvincialEmulationFlag',
    record: {
      titles: [{ year: YEAR, title: 'ExcellentLabourCollective' }],
      ratings: [{ year: YEAR, rating: 'Excellent' }],
      initiatives: [],
      flags: { exceededTargets: true, exemplary: true, newModels: true },
    },
    evidence: ['proposal_letter', 'achievement_report', 'unit_council_minutes', 'prior_decision'].map((kind, i) => ({
      documentId: `doc-${randomUUID()}`,
      title: `Hồ sơ ${i + 1}`,
      kind,
      sizeBytes: 5000 + i,
      sha256: randomBytes(32).toString('hex'),
    })),
  };
}

interface SessionBody {
  sessionId: string;
  stage: string;
  items: {
    nominationId: string;
    status: string;
    votesApplied: number;
    votesDue: number;
    stage?: string;
    outcome?: string;
  }[];
  awaitingUnitIds: string[];
  closed?: {
    quorumMet: boolean;
    results: {
      nominationId: string;
      passed: boolean;
      tally: { approve: number; eligible: number; passed: boolean };
      acclamation?: { acclaimed: boolean; refusedReason?: string };
    }[];
  };
  progress: { done: number; total: number; finished: boolean };
}

const HEADS: Record<string, string> = {
  'nt-party-office': NT.head,
  'nt-propaganda': 'nt-head-propaganda',
  'nt-inspection': 'nt-head-inspection',
  'nt-organisation': 'nt-head-organisation',
  'nt-mass-mobilisation': 'nt-head-mass-mobilisation',
  'nt-newspaper': 'nt-head-newspaper',
  'nt-internal-affairs': 'nt-head-internal-affairs',
  'nt-political-school': 'nt-head-political-school',
};

describe('block sessions: one ballot per member unit, every item its own nomination', () => {
  let api: ApiHarness;
  let connection: NativeConnection;
  let sessions: RunningWorker;
  let hang: (() => boolean) | undefined;

  async function startSessions(): Promise<RunningWorker> {
    return createSessionWorker({
      config: api.config,
      stores: api.stores,
      client: api.client,
      connection,
      workflowBundlePath: await testWorkflowBundlePath(),
      payloadCodec: null,
      actionVerifier: testActionVerifier,
      overrides: { shutdownGraceTime: '200ms', shutdownForceTime: '1s' },
      // A worker that dies in the middle: the vote reaches the nomination, the answer never comes back.
      wrapActivities: (real): SessionActivities => ({
        ...real,
        async applySessionVote(input) {
          const result = await real.applySessionVote(input);
          if (hang?.()) await new Promise(() => undefined);
          return result;
        },
      }),
    });
  }

  beforeAll(async () => {
    api = await ApiHarness.start();
    connection = await connectToTestServer();
    sessions = await startSessions();
  });

  afterAll(async () => {
    await sessions?.shutdown().catch(() => undefined);
    await api?.stop();
    await connection?.close();
  });

  async function session(id: string): Promise<SessionBody> {
    const response = await api.get(NT.leader, `/block-sessions/${id}`);
    if (response.status !== 200) throw new Error(`GET session: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as SessionBody;
  }

  async function until(id: string, done: (s: SessionBody) => boolean, what: string): Promise<SessionBody> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const s = await session(id);
      if (done(s)) return s;
      if (Date.now() > deadline) throw new Error(`session ${id} never ${what}: ${JSON.stringify(s.progress)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async function submitted(body: Record<string, unknown>, officer: string, head: string): Promise<string> {
    const { nominationId } = await api.act(officer, '/nominations', body, 201);
    await api.act(head, `/nominations/${nominationId}/submit`);
    return nominationId;
  }

  async function pendingVoteTasks(user: string, ids: readonly string[]): Promise<number> {
    const response = await api.get(user, '/tasks?limit=200', { 'X-Laurel-Position': await lastPosition() });
    expect(response.status).toBe(200);
    return (response.body.items as { nominationId: string }[]).filter((t) => ids.includes(t.nominationId)).length;
  }

  async function lastPosition(): Promise<string> {
    return formatPosition(await api.stores.events.headPosition());
  }

  it('counts each item by the block vote policy; the second flag unit is refused by the one-leading-unit limit', async () => {
    const office = await submitted(flagBody('nt-party-office', 'Văn phòng Tỉnh ủy Ninh Thuận'), NT.officer, NT.head);
    const newspaper = await submitted(
      flagBody('nt-newspaper', 'Báo Ninh Thuận'),
      'nt-officer-newspaper',
      'nt-head-newspaper',
    );
    const merit = await submitted(draftBody({}), NT.officer, NT.head);
    const ids = [office, newspaper, merit];

    // Before: each voter unit has a block vote task for every item it votes on.
    expect(await pendingVoteTasks('nt-head-propaganda', ids)).toBe(3);
    expect(await pendingVoteTasks('nt-head-newspaper', ids)).toBe(2);

    // Only the block's leader opens; then the leader opens it on the three.
    expectError(
      await api.post(NT.head, '/block-sessions', { title: 'x', nominationIds: ids }),
      403,
      'ROLE_NOT_ALLOWED',
    );
    const sessionId = `nt-${randomUUID()}`;
    const opened = await api.post(NT.leader, '/block-sessions', {
      sessionId,
      title: `Hội nghị tổng kết Khối các cơ quan Đảng tỉnh năm ${YEAR}`,
      nominationIds: ids,
    });
    if (opened.status !== 201) throw new Error(JSON.stringify(opened.body));
    expect((opened.body as SessionBody).items.map((i) => i.nominationId)).toEqual(ids);
    // Opening again with the same id answers with the same session.
    const again = await api.post(NT.leader, '/block-sessions', { sessionId, title: 'x', nominationIds: ids });
    expect(again.status).toBe(201);
    expect((again.body as SessionBody).sessionId).toBe(sessionId);
    // Listed, with its agenda, for the block's units; not for another province's Board.
    const listed = (await api.get('nt-head-newspaper', '/block-sessions')).body as unknown as SessionBody[];
    expect(listed.find((x) => x.sessionId === sessionId)?.items.map((i) => i.nominationId)).toEqual(ids);
    const elsewhere = (await api.get('lc-board-officer', '/block-sessions')).body as unknown as SessionBody[];
    expect(elsewhere.map((x) => x.sessionId)).not.toContain(sessionId);

    // A unit does not vote on its own unit's items.
    const own = await api.post(NT.head, `/block-sessions/${sessionId}/ballots`, {
      choices: ids.map((nominationId) => ({ nominationId, choice: 'approve' })),
    });
    expectError(own, 403, 'OWN_UNIT_VOTE');
    // A ballot that leaves an item out is refused and changes nothing.
    const partial = await api.post('nt-head-propaganda', `/block-sessions/${sessionId}/ballots`, {
      choices: [{ nominationId: office, choice: 'approve' }],
    });
    expectError(partial, 400, 'INVALID_COMMAND');

    // Every member unit casts one ballot, with a choice for each item it votes on.
    const byUnit: Record<string, string[]> = {};
    for (const [unitId, head] of Object.entries(HEADS)) {
      const mine = ids.filter(
        (id) => !(unitId === 'nt-party-office' && id !== newspaper) && !(unitId === 'nt-newspaper' && id === newspaper),
      );
      byUnit[unitId] = mine;
      const cast = await api.post(head, `/block-sessions/${sessionId}/ballots`, {
        choices: mine.map((nominationId) => ({ nominationId, choice: 'approve' })),
      });
      expect(cast.status).toBe(200);
    }
    // One ballot per unit: a second is refused.
    expectError(
      await api.post('nt-head-inspection', `/block-sessions/${sessionId}/ballots`, {
        choices: ids.map((nominationId) => ({ nominationId, choice: 'reject' })),
      }),
      409,
      'ALREADY_VOTED',
    );
    const voted = await until(sessionId, (s) => s.progress.done === s.progress.total, 'applied its ballots');
    expect(voted.awaitingUnitIds).toEqual([]);
    // Each ballot's votes are on the items' own nominations, which wait for the session's close.
    for (const id of ids) expect(await api.workflowStage(id)).toBe('BlockVote');
    expect(await pendingVoteTasks('nt-head-propaganda', ids)).toBe(0);

    // Only the leader closes; then every item is counted and closed.
    expectError(await api.post(NT.head, `/block-sessions/${sessionId}/close`), 403);
    const closed = await api.post(NT.leader, `/block-sessions/${sessionId}/close`);
    expect(closed.status).toBe(200);
    const done = await until(sessionId, (s) => s.progress.finished, 'finished closing');
    expect(done.closed?.quorumMet).toBe(true);
    const result = (id: string) => done.closed!.results.find((r) => r.nominationId === id)!;
    expect(result(office)).toMatchObject({
      passed: true,
      acclamation: { acclaimed: true },
      tally: { approve: 7, eligible: 7 },
    });
    expect(result(newspaper).tally.passed).toBe(true);
    expect(result(newspaper).passed).toBe(false);
    expect(result(newspaper).acclamation?.acclaimed).toBe(false);
    expect(result(newspaper).acclamation?.refusedReason).toMatch(/one leading unit per block and year/);
    expect(result(merit)).toMatchObject({ passed: true, tally: { approve: 7 } });

    expect(await api.workflowStage(office)).toBe('CouncilReview');
    expect(await api.workflowStage(merit)).toBe('CouncilReview');
    const refused = await api.get(NT.leader, `/nominations/${newspaper}`);
    expect(refused.body).toMatchObject({ stage: 'Closed', outcome: 'NotAwarded' });
    const closedEvent = (await api.stream(newspaper)).find((e) => e.type === 'BlockVoteClosed');
    expect(closedEvent?.data).toMatchObject({ sessionId, acclamation: { acclaimed: false } });

    // The Board now has two council-review items; no voter has anything left on them.
    expect(await pendingVoteTasks('nt-head-organisation', ids)).toBe(0);
    const board = await api.get(NT.board, '/tasks?limit=200', { 'X-Laurel-Position': await lastPosition() });
    const boardItems = (board.body.items as { nominationId: string }[]).filter((t) => ids.includes(t.nominationId));
    expect(new Set(boardItems.map((t) => t.nominationId))).toEqual(new Set([office, merit]));

    for (const id of ids) {
      const proof = await api.get(NT.auditor, `/nominations/${id}/verify`);
      expect(proof.status).toBe(200);
      expect(proof.body.ok).toBe(true);
    }
  });

  it('a worker lost in the middle of a 15-item ballot: afterwards every item is counted exactly once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 15; i++) ids.push(await submitted(draftBody({}), NT.officer, NT.head));
    const sessionId = `nt-crash-${randomUUID()}`;
    expect(
      (await api.post(NT.leader, '/block-sessions', { sessionId, title: 'Phiên bình xét', nominationIds: ids })).status,
    ).toBe(201);

    // The seventh item's vote is taken by its nomination, then the worker goes away before answering.
    let stuck = false;
    let calls = 0;
    hang = () => {
      calls += 1;
      if (calls === 7) stuck = true;
      return calls === 7;
    };
    const cast = await api.post('nt-head-propaganda', `/block-sessions/${sessionId}/ballots`, {
      choices: ids.map((nominationId) => ({ nominationId, choice: 'approve' })),
    });
    expect(cast.status).toBe(200);
    const deadline = Date.now() + 60_000;
    while (!stuck && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(stuck).toBe(true);
    await sessions.shutdown().catch(() => undefined);
    hang = undefined;
    sessions = await startSessions();

    for (const head of [
      'nt-head-inspection',
      'nt-head-organisation',
      'nt-head-mass-mobilisation',
      'nt-head-newspaper',
    ]) {
      const ballot = await api.post(head, `/block-sessions/${sessionId}/ballots`, {
        choices: ids.map((nominationId) => ({ nominationId, choice: 'approve' })),
      });
      expect(ballot.status).toBe(200);
    }
    expect((await api.post(NT.leader, `/block-sessions/${sessionId}/close`)).status).toBe(200);
    const done = await until(sessionId, (s) => s.progress.finished, 'finished after the restart');
    expect(done.items.every((i) => i.status === 'closed')).toBe(true);

    for (const id of ids) {
      const votes = (await api.stream(id)).filter((e) => e.type === 'BlockVoteCast');
      const units = votes.map((v) => v.data['unitId']);
      expect(units).toHaveLength(5);
      expect(new Set(units).size).toBe(5);
      expect(done.closed!.results.find((r) => r.nominationId === id)!.tally.approve).toBe(5);
      const proof = await api.get(NT.auditor, `/nominations/${id}/verify`);
      expect(proof.body.ok).toBe(true);
    }
  });

  it('one decision with its list: each item gets DecisionIssued with the number; a rejection in the same act', async () => {
    const ids: string[] = [];
    let position = '';
    for (let i = 0; i < 3; i++) {
      const ready = await api.awaitingDecision();
      ids.push(ready.nominationId);
      position = ready.position;
    }
    const notYet = (await api.submitted()).nominationId;
    const chairmanTasks = async (at: string) => {
      const r = await api.get(NT.chairman, '/tasks?limit=200', { 'X-Laurel-Position': at });
      return new Set(
        (r.body.items as { nominationId: string }[]).map((t) => t.nominationId).filter((id) => ids.includes(id)),
      ).size;
    };
    expect(await chairmanTasks(position)).toBe(3);
    const items = [
      { nominationId: ids[0], outcome: 'approved' },
      { nominationId: ids[1], outcome: 'approved' },
      { nominationId: ids[2], outcome: 'rejected', reason: 'Thành tích chưa tiêu biểu so với các đơn vị trong khối' },
    ];
    expectError(
      await api.post(NT.board, '/decision-lists', { decisionNumber: '163/QĐ-UBND', items }),
      403,
      'ROLE_NOT_ALLOWED',
    );
    expectError(
      await api.post(NT.chairman, '/decision-lists', {
        decisionNumber: '163/QĐ-UBND',
        items: [...items, { nominationId: notYet, outcome: 'approved' }],
      }),
      409,
      'WRONG_STAGE',
    );
    expectError(
      await api.post(NT.chairman, '/decision-lists', {
        decisionNumber: '163/QĐ-UBND',
        items: [{ nominationId: ids[2], outcome: 'rejected' }],
      }),
      400,
      'INVALID_COMMAND',
    );
    const decisionListId = `nt-163-${randomUUID()}`;
    const issued = await api.post(NT.chairman, '/decision-lists', {
      decisionListId,
      decisionNumber: '163/QĐ-UBND',
      items,
    });
    if (issued.status !== 201) throw new Error(JSON.stringify(issued.body));
    let list = issued.body as { progress: { finished: boolean }; items: { status: string; result?: string }[] };
    const deadline = Date.now() + 60_000;
    while (!list.progress.finished && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      list = (await api.get(NT.chairman, `/decision-lists/${decisionListId}`)).body as typeof list;
    }
    expect(list.items.map((i) => [i.status, i.result])).toEqual([
      ['done', 'Awarded'],
      ['done', 'Awarded'],
      ['done', 'NotAwarded'],
    ]);
    // Sent again, the same decision answers; nothing is decided twice.
    const again = await api.post(NT.chairman, '/decision-lists', {
      decisionListId,
      decisionNumber: '163/QĐ-UBND',
      items,
    });
    expect(again.status).toBe(201);
    // Listed for the province, newest first, with the same body as the single read.
    const listed = await api.get(NT.chairman, '/decision-lists');
    expect(listed.status).toBe(200);
    expect((listed.body as unknown as { decisionListId: string }[]).map((l) => l.decisionListId)).toContain(
      decisionListId,
    );
    for (const id of ids) {
      const decided = (await api.stream(id)).filter((e) => e.type === 'DecisionIssued');
      expect(decided).toHaveLength(1);
      expect(decided[0]!.data).toMatchObject({ decisionNumber: '163/QĐ-UBND', policy: { id: expect.any(String) } });
      expect((await api.get(NT.auditor, `/nominations/${id}/verify`)).body.ok).toBe(true);
    }
    expect((await api.stream(ids[2]!)).find((e) => e.type === 'DecisionIssued')!.data).toMatchObject({
      outcome: 'rejected',
      reason: items[2]!.reason,
    });
    // The decisions' own positions: the inbox has caught up with the last one.
    const heads = await Promise.all(ids.map(async (id) => (await api.stream(id)).at(-1)!.position));
    const newest = heads.reduce((a, b) => (comparePositions(a, b) >= 0 ? a : b));
    expect(await chairmanTasks(formatPosition(newest))).toBe(0);
  });

  it('`laurel session open|close` and `laurel decision issue` drive the same batches from the command line', async () => {
    const home = await mkdtemp(join(tmpdir(), 'laurel-cli-'));
    const laurel = async (user: string, args: readonly string[]) => {
      const env = {
        PATH: process.env['PATH'] ?? '',
        HOME: home,
        XDG_CONFIG_HOME: join(home, 'config'),
        LAUREL_URL: api.baseUrl,
        LAUREL_TOKEN: await api.token(user),
      };
      const bin = join(__dirname, '..', '..', 'apps', 'cli', 'bin', 'laurel.cjs');
      return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    };
    const ids = [(await api.submitted()).nominationId, (await api.submitted()).nominationId];
    const sessionId = `nt-cli-${randomUUID()}`;
    const opened = await laurel(NT.leader, ['session', 'open', '--id', sessionId, '--title', 'Phiên bình xét', ...ids]);
    expect(opened.stderr).toBe('');
    expect(opened.code).toBe(0);
    expect(opened.stdout).toContain(sessionId);
    for (const head of NT.voters.slice(0, 5)) {
      const ballot = await api.post(head, `/block-sessions/${sessionId}/ballots`, {
        choices: ids.map((nominationId) => ({ nominationId, choice: 'approve' })),
      });
      expect(ballot.status).toBe(200);
    }
    const closed = await laurel(NT.leader, ['session', 'close', '--json', sessionId]);
    expect(closed.code).toBe(0);
    const session = JSON.parse(closed.stdout) as SessionBody;
    expect(session.progress.finished).toBe(true);
    expect(session.closed!.results.map((r) => r.passed)).toEqual([true, true]);
    for (const id of ids) {
      for (const member of NT.council) {
        await api.act(member, `/nominations/${id}/council-opinions`, { recommendation: 'approve' });
      }
    }
    const decided = await laurel(NT.chairman, [
      'decision',
      'issue',
      '--number',
      '164/QĐ-UBND',
      '--json',
      ids[0]!,
      '--reject',
      `${ids[1]}=Chưa đủ tiêu chuẩn`,
    ]);
    expect(decided.stderr).toBe('');
    expect(decided.code).toBe(0);
    const list = JSON.parse(decided.stdout) as { items: { result?: string }[] };
    expect(list.items.map((i) => i.result)).toEqual(['Awarded', 'NotAwarded']);
  });

  it('a council session: per-item ballots, a secret item sealed, the recused member refused, quorum checked', async () => {
    const fighter = draftBody({
      awardType: 'ProvincialEmulationFighter',
      record: {
        titles: [YEAR - 2, YEAR - 1, YEAR].map((year) => ({ year, title: 'GrassrootsEmulationFighter' })),
        ratings: [{ year: YEAR, rating: 'Excellent' }],
        initiatives: [{ year: YEAR, title: 'Số hoá hồ sơ lưu trữ', scope: 'province' }],
      },
    });
    fighter['evidence'] = [
      ...(fighter['evidence'] as unknown[]),
      {
        documentId: `doc-${randomUUID()}`,
        title: 'Giấy chứng nhận sáng kiến',
        kind: 'initiative_certificate',
        sizeBytes: 3000,
        sha256: randomBytes(32).toString('hex'),
      },
    ];
    const ids = [
      (await api.inCouncilReview()).nominationId,
      (await api.inCouncilReview(fighter)).nominationId,
      (await api.inCouncilReview()).nominationId,
    ];
    expectError(
      await api.post(NT.leader, '/council-sessions', { title: 'x', nominationIds: ids }),
      403,
      'ROLE_NOT_ALLOWED',
    );
    const sessionId = `nt-council-${randomUUID()}`;
    const opened = await api.post(NT.board, '/council-sessions', {
      sessionId,
      title: 'Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh',
      nominationIds: ids,
    });
    if (opened.status !== 201) throw new Error(JSON.stringify(opened.body));
    const agenda = opened.body as {
      items: { nominationId: string; secretBallot: boolean; recusedMemberIds: string[] }[];
    };
    expect(agenda.items.map((i) => i.secretBallot)).toEqual([false, true, false]);
    expect(agenda.items[0]!.recusedMemberIds).toContain(NT.recusedCouncillor);

    // The member from the proposing unit recuses on its items.
    expectError(
      await api.post(NT.recusedCouncillor, `/council-sessions/${sessionId}/ballots`, {
        choices: [{ nominationId: ids[0], recommendation: 'approve' }],
      }),
      403,
      'COUNCIL_MEMBER_RECUSED',
    );
    for (const member of NT.council) {
      const ballot = await api.post(member, `/council-sessions/${sessionId}/ballots`, {
        choices: ids.map((nominationId) => ({ nominationId, recommendation: 'approve' })),
      });
      expect(ballot.status).toBe(200);
    }
    expect((await api.post(NT.board, `/council-sessions/${sessionId}/close`)).status).toBe(200);
    let view = (await api.get(NT.board, `/council-sessions/${sessionId}`)).body as {
      progress: { finished: boolean };
      closed?: { quorumMet: boolean };
      ballots: Record<string, unknown>[];
      items: { stage?: string }[];
    };
    const deadline = Date.now() + 60_000;
    while (!view.progress.finished && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      view = (await api.get(NT.board, `/council-sessions/${sessionId}`)).body as typeof view;
    }
    expect(view.closed?.quorumMet).toBe(true);
    expect(view.items.map((i) => i.stage)).toEqual(['ProvincialDecision', 'ProvincialDecision', 'ProvincialDecision']);
    // Listed for the province's Board and council, never for a unit.
    const sessions = (await api.get(NT.council[0]!, '/council-sessions')).body as unknown as { sessionId: string }[];
    expect(sessions.map((x) => x.sessionId)).toContain(sessionId);
    const forUnit = await api.get(NT.officer, '/council-sessions');
    expect(forUnit.status).toBe(200);
    expect((forUnit.body as unknown as { sessionId: string }[]).map((x) => x.sessionId)).not.toContain(sessionId);
    // Who voted, never how; and the session's own stream seals the secret item's choice.
    expect(view.ballots.every((b) => !('choices' in b))).toBe(true);
    const stored = [];
    for await (const e of api.stores.events.readStream(`council-session-${sessionId}`)) stored.push(e);
    const ballots = stored.filter((e) => e.type === 'CouncilBallotCast');
    expect(ballots).toHaveLength(5);
    for (const b of ballots) {
      const choices = b.data['choices'] as { nominationId: string; recommendation?: string; sealed?: boolean }[];
      expect(choices.find((c) => c.nominationId === ids[1])).toEqual({ nominationId: ids[1], sealed: true });
      expect(choices.find((c) => c.nominationId === ids[0])?.recommendation).toBe('approve');
    }
    const chairman = await api.get(NT.chairman, '/tasks?limit=200', { 'X-Laurel-Position': await lastPosition() });
    expect(
      new Set(
        (chairman.body.items as { nominationId: string }[]).map((t) => t.nominationId).filter((id) => ids.includes(id)),
      ).size,
    ).toBe(3);
    for (const id of ids) expect((await api.get(NT.auditor, `/nominations/${id}/verify`)).body.ok).toBe(true);

    // A meeting without its quorum closes nothing.
    const thin = `nt-council-thin-${randomUUID()}`;
    const next = (await api.inCouncilReview()).nominationId;
    expect(
      (await api.post(NT.board, '/council-sessions', { sessionId: thin, title: 'Phiên họp', nominationIds: [next] }))
        .status,
    ).toBe(201);
    expect(
      (
        await api.post(NT.council[0], `/council-sessions/${thin}/ballots`, {
          choices: [{ nominationId: next, recommendation: 'approve' }],
        })
      ).status,
    ).toBe(200);
    expect((await api.post(NT.board, `/council-sessions/${thin}/close`)).status).toBe(200);
    const thinView = (await api.get(NT.board, `/council-sessions/${thin}`)).body as { closed?: { quorumMet: boolean } };
    expect(thinView.closed?.quorumMet).toBe(false);
    expect(await api.workflowStage(next)).toBe('CouncilReview');
  });

  it('the demo lists: a block session, a council session and one decision with its list; a second run adds nothing', async () => {
    const lines: string[] = [];
    const http = new DemoUsers(api.baseUrl, api.password);
    await loadDemoLists(http, YEAR, (line) => lines.push(line));
    expect(lines.join('\n')).toMatch(/decision 163\/QĐ-UBND .*: Awarded, Awarded/);
    const block = (await api.get(NT.leader, `/block-sessions/demo-nt-party-agencies-${YEAR}`)).body as SessionBody;
    expect(block.closed!.results.map((r) => r.passed)).toEqual([true, false, true]);
    const again: string[] = [];
    await loadDemoLists(http, YEAR, (line) => again.push(line));
    expect(again).toEqual(lines);
  });
});
