import { randomUUID } from 'node:crypto';
import { ADMIN, ApiHarness, NT, draftBody, evidence, expectError, type ActionBody } from '../support/api-harness';

interface TaskView {
  readonly taskId: string;
  readonly nominationId: string;
  readonly action: string;
  readonly status: string;
}

interface Detail {
  readonly nominationId: string;
  readonly stage: string;
  readonly outcome: string | null;
  readonly source: string;
  readonly state: {
    readonly nomination: { readonly nominee: { readonly name: string } };
    readonly council?: { readonly opinions: readonly { readonly memberId: string; readonly recommendation: string }[] };
  };
}

describe('one nomination through the HTTP API, each role in turn', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await ApiHarness.start();
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  /** The caller's pending tasks for one nomination, read at `position` (read-your-writes). */
  async function tasksOf(user: string, nominationId: string, position: string, status = 'pending'): Promise<string[]> {
    const response = await api.get(user, `/tasks?status=${status}&position=${encodeURIComponent(position)}`);
    expect(response.status).toBe(200);
    return (response.body as { items: TaskView[] }).items
      .filter((t) => t.nominationId === nominationId)
      .map((t) => t.action);
  }

  it('goes from draft to an award: officer, head, block members, leader, Board, officer again, council, chairman', async () => {
    // Typed with combining marks; stored and returned in NFC.
    const decomposed = 'Nguye\u0302\u0303n Thi\u0323 Hu\u031bo\u031bng';
    const drafted = await api.draft({
      nominee: { kind: 'individual', name: decomposed, personId: `person-${randomUUID()}` },
    });
    expect(drafted).toMatchObject({ stage: 'Draft', version: 1, eventTypes: ['NominationDrafted'] });
    expect(drafted.position).toMatch(/^\d+\.\d+$/);
    const id = drafted.nominationId;

    const detail = await api.get(NT.officer, `/nominations/${id}`, { 'X-Laurel-Position': drafted.position });
    expect(detail.status).toBe(200);
    expect((detail.body as Detail).state.nomination.nominee.name).toBe('Nguyễn Thị Hương');
    expect((detail.body as Detail).source).toBe('projection');
    expect(await tasksOf(NT.head, id, drafted.position)).toEqual(['submit']);

    const submitted = await api.act(NT.head, `/nominations/${id}/submit`);
    expect(submitted).toMatchObject({ stage: 'BlockVote', version: 2 });
    expect(await tasksOf(NT.voters[0], id, submitted.position)).toEqual(['vote']);
    // The proposing unit does not vote on its own nomination.
    expect(await tasksOf(NT.head, id, submitted.position)).toEqual([]);

    let last: ActionBody = submitted;
    for (const [i, voter] of NT.voters.slice(0, 5).entries()) {
      last = await api.act(voter, `/nominations/${id}/votes`, {
        choice: 'approve',
        ...(i === 0 ? { comment: 'Đơn vị dẫn đầu khối, đồng ý đề nghị.' } : {}),
      });
      expect(last).toMatchObject({ stage: 'BlockVote', version: 3 + i });
    }
    expect(await tasksOf(NT.leader, id, last.position)).toEqual(['close_block_vote']);
    const closed = await api.act(NT.leader, `/nominations/${id}/block-vote/close`);
    expect(closed).toMatchObject({ stage: 'CouncilReview', eventTypes: ['BlockVoteClosed', 'CouncilReviewOpened'] });

    expect((await tasksOf(NT.board, id, closed.position)).sort()).toEqual([
      'close_council_review',
      'request_supplement',
    ]);
    const dueDate = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const returned = await api.act(NT.board, `/nominations/${id}/supplement-requests`, {
      reason: 'Bổ sung biên bản họp Hội đồng thi đua đơn vị có chữ ký.',
      dueDate,
    });
    expect(returned).toMatchObject({ stage: 'AwaitingSupplement', eventTypes: ['SupplementRequested'] });

    expect(await tasksOf(NT.officer, id, returned.position)).toEqual(['provide_supplement']);
    const supplied = await api.act(NT.officer, `/nominations/${id}/supplements`, {
      evidence: [evidence('unit_council_minutes')],
      note: 'Đã bổ sung biên bản.',
    });
    expect(supplied).toMatchObject({ stage: 'CouncilReview', eventTypes: ['SupplementProvided'] });

    expect(await tasksOf(NT.council[0], id, supplied.position)).toEqual(['give_opinion']);
    // The member from the proposing unit recuses, so the task is not theirs.
    expect(await tasksOf(NT.recusedCouncillor, id, supplied.position)).toEqual([]);
    for (const member of NT.council) {
      last = await api.act(member, `/nominations/${id}/council-opinions`, { recommendation: 'approve' });
    }
    expect(last).toMatchObject({ stage: 'ProvincialDecision' });
    expect(await tasksOf(NT.council[0], id, last.position, 'done')).toEqual(['give_opinion']);

    expect(await tasksOf(NT.chairman, id, last.position)).toEqual(['decide']);
    const decided = await api.act(NT.chairman, `/nominations/${id}/decision`, {
      outcome: 'approved',
      decisionNumber: '163/QĐ-UBND',
    });
    expect(decided).toMatchObject({ stage: 'Closed', outcome: 'Awarded', eventTypes: ['DecisionIssued'] });

    const final = await api.get(NT.auditor, `/nominations/${id}?position=${encodeURIComponent(decided.position)}`);
    expect(final.status).toBe(200);
    expect(final.body).toMatchObject({ nominationId: id, stage: 'Closed', outcome: 'Awarded' });
    const listed = await api.get(NT.auditor, `/nominations?stage=Closed&outcome=Awarded&position=${decided.position}`);
    expect(listed.status).toBe(200);
    expect((listed.body as { items: { nominationId: string }[] }).items.map((n) => n.nominationId)).toContain(id);
    expect(await tasksOf(NT.chairman, id, decided.position)).toEqual([]);

    // Every event names who acted, in which role, for which unit.
    const stream = await api.stream(id);
    expect(stream.map((e) => e.type)).toEqual([
      'NominationDrafted',
      'NominationSubmitted',
      'BlockVoteCast',
      'BlockVoteCast',
      'BlockVoteCast',
      'BlockVoteCast',
      'BlockVoteCast',
      'BlockVoteClosed',
      'CouncilReviewOpened',
      'SupplementRequested',
      'SupplementProvided',
      'CouncilOpinionRecorded',
      'CouncilOpinionRecorded',
      'CouncilOpinionRecorded',
      'CouncilOpinionRecorded',
      'CouncilOpinionRecorded',
      'CouncilReviewClosed',
      'ProvincialDecisionOpened',
      'DecisionIssued',
    ]);
    expect(stream[0]!.metadata['actor']).toEqual({
      userId: NT.officer,
      role: 'unit_officer',
      unitId: NT.proposingUnit,
      blockId: NT.block,
    });
    expect(stream[2]!.metadata['actor']).toMatchObject({
      userId: NT.voters[0],
      role: 'unit_head',
      unitId: 'nt-propaganda',
    });
    expect(stream[18]!.metadata['actor']).toMatchObject({ userId: NT.chairman, role: 'chairman' });
    expect(stream[1]!.data).toMatchObject({
      eligibleVoterUnitIds: NT.voters.map((v) => v.replace('nt-head-', 'nt-')),
      councilMemberCount: 6,
      recusedCouncilMemberIds: [NT.recusedCouncillor],
    });
  });

  it('seals secret ballots: who answered shows, how they voted does not', async () => {
    const year = new Date().getUTCFullYear() - 1;
    const { nominationId: id, position } = await api.awaitingDecision({
      awardType: 'ProvincialEmulationFighter',
      record: {
        titles: [year - 2, year - 1, year].map((y) => ({ year: y, title: 'GrassrootsEmulationFighter' })),
        ratings: [],
        initiatives: [{ year, title: 'Số hoá quy trình tiếp nhận hồ sơ', scope: 'province' }],
      },
      evidence: [
        ...['proposal_letter', 'achievement_report', 'unit_council_minutes', 'initiative_certificate'].map(evidence),
      ],
    });
    for (const reader of [NT.auditor, NT.chairman, NT.council[0]]) {
      // Read at the last opinion's position: the list projection may not have applied it yet.
      const response = await api.get(reader, `/nominations/${id}`, { 'X-Laurel-Position': position });
      expect(response.status).toBe(200);
      const opinions = (response.body as Detail).state.council!.opinions;
      expect(opinions).toHaveLength(5);
      expect(new Set(opinions.map((o) => o.recommendation))).toEqual(new Set(['sealed']));
    }
  });

  it('refuses a second nomination of one achievement (no double reward) until the first is withdrawn', async () => {
    const personId = `person-${randomUUID()}`;
    const nominee = { kind: 'individual', name: 'Trần Văn Bình', personId };
    const first = await api.submitted({ nominee });
    const second = await api.draft({ nominee });

    const refused = await api.post(NT.head, `/nominations/${second.nominationId}/submit`);
    const error = expectError(refused, 409, 'ALREADY_NOMINATED');
    expect(error.details).toMatchObject({ kind: 'achievement', heldBy: first.nominationId });
    expect(await api.streamVersion(second.nominationId)).toBe(1);

    await api.act(NT.head, `/nominations/${first.nominationId}/withdraw`, { reason: 'Đơn vị rút để đề nghị lại.' });
    const resubmitted = await api.act(NT.head, `/nominations/${second.nominationId}/submit`);
    expect(resubmitted.stage).toBe('BlockVote');
  });

  it('answers a retried action with an Idempotency-Key once, with the first result', async () => {
    const key = randomUUID();
    const created = await Promise.all(
      [0, 1].map(() =>
        api.post(NT.officer, '/nominations', draftBody(), { 'Idempotency-Key': key }).then((r) => r.body as ActionBody),
      ),
    );
    // Sequential retry as well as the racing pair: one nomination, one draft event.
    const again = (await api.post(NT.officer, '/nominations', draftBody(), { 'Idempotency-Key': key }))
      .body as ActionBody;
    expect(new Set([...created, again].map((r) => r.nominationId)).size).toBe(1);
    const id = again.nominationId;
    expect(await api.streamVersion(id)).toBe(1);

    await api.act(NT.head, `/nominations/${id}/submit`);
    const voteKey = randomUUID();
    const first = await api.post(
      NT.voters[1],
      `/nominations/${id}/votes`,
      { choice: 'reject' },
      { 'Idempotency-Key': voteKey },
    );
    const retry = await api.post(
      NT.voters[1],
      `/nominations/${id}/votes`,
      { choice: 'reject' },
      { 'Idempotency-Key': voteKey },
    );
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(await api.streamVersion(id)).toBe(3);
  });

  it('lists only what the caller may see, with filters and paging', async () => {
    const { position } = await api.draft();
    const mine = await api.get(NT.officer, `/nominations?limit=2&position=${position}`);
    expect(mine.status).toBe(200);
    const page = mine.body as { items: { proposingUnitId: string }[]; nextCursor: string | null };
    expect(page.items).toHaveLength(2);
    expect(page.items.every((n) => n.proposingUnitId === NT.proposingUnit)).toBe(true);
    expect(page.nextCursor).toEqual(expect.any(String));
    const next = await api.get(NT.officer, `/nominations?limit=2&after=${page.nextCursor}`);
    expect(next.status).toBe(200);

    // Another unit's officer sees none of the Party Committee Office's nominations.
    const other = await api.get('nt-officer-newspaper', `/nominations?unit=${NT.proposingUnit}`);
    expect((other.body as { items: unknown[] }).items).toEqual([]);
    // Lào Cai's Board sees nothing of Ninh Thuận.
    const laoCai = await api.get('lc-board-officer', '/nominations');
    expect((laoCai.body as { items: unknown[] }).items).toEqual([]);
    const drafts = await api.get(ADMIN, '/nominations?stage=Draft&year=2025&awardType=ProvincialCertificateOfMerit');
    expect(drafts.status).toBe(200);
    expectError(await api.get(ADMIN, '/nominations?stage=Sleeping'), 400, 'INVALID_QUERY');
    expectError(await api.get(ADMIN, '/nominations?colour=red'), 400, 'INVALID_QUERY');
  });

  it('serves health, metrics and the OpenAPI document without a token', async () => {
    const health = await api.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      components: { temporal: { status: 'up' }, eventStore: { status: 'up' }, projections: { status: 'up' } },
    });
    expect((await api.http().get('/health/live')).status).toBe(200);

    const metrics = await api.http().get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('laurel_http_request_duration_seconds_bucket');
    expect(metrics.text).toMatch(/laurel_actions_total\{action="CastBlockVote",result="accepted"\} \d+/);
    expect(metrics.text).toContain('route="/nominations/:id/votes"');
    expect(metrics.text).toContain('laurel_projection_lag_seconds_count');
    expect(metrics.text).toContain('process_cpu_user_seconds_total');

    const docs = await api.http().get('/docs/json');
    expect(docs.status).toBe(200);
    const paths = Object.keys((docs.body as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/auth/token', '/nominations', '/nominations/{id}/votes', '/tasks', '/health']),
    );
    expect((await api.http().get('/docs')).status).toBe(200);
  });
});
