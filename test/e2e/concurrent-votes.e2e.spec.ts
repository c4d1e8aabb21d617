import { ApiHarness, NT, expectError } from '../support/api-harness';

describe('concurrent identical actions', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await ApiHarness.start();
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('counts exactly one of 50 identical votes from one unit; the other 49 get 409', async () => {
    const { nominationId: id } = await api.submitted();
    const before = await api.streamVersion(id);
    const voter = NT.voters[2];
    await api.token(voter);

    const responses = await Promise.all(
      Array.from({ length: 50 }, () => api.post(voter, `/nominations/${id}/votes`, { choice: 'approve' })),
    );

    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const refused of responses.filter((r) => r.status === 409)) {
      const error = expectError(refused, 409);
      expect(['ALREADY_VOTED', 'CONCURRENCY_CONFLICT']).toContain(error.code);
    }
    const stream = await api.stream(id);
    expect(stream).toHaveLength(before + 1);
    expect(stream.filter((e) => e.type === 'BlockVoteCast')).toHaveLength(1);

    // The vote goes on: another unit's vote is taken.
    const next = await api.act(NT.voters[3], `/nominations/${id}/votes`, { choice: 'abstain' });
    expect(next.version).toBe(before + 2);
  });

  it('lets different units vote at the same moment, each counted once', async () => {
    const { nominationId: id } = await api.submitted();
    const before = await api.streamVersion(id);
    await Promise.all(NT.voters.map((voter) => api.token(voter)));
    const responses = await Promise.all(
      NT.voters.map((voter) => api.post(voter, `/nominations/${id}/votes`, { choice: 'approve' })),
    );
    expect(responses.map((r) => r.status)).toEqual(NT.voters.map(() => 200));
    // Seven votes, then the vote closes by itself (all voted) and the council review opens.
    const stream = await api.stream(id);
    expect(stream.slice(before).map((e) => e.type)).toEqual([
      ...NT.voters.map(() => 'BlockVoteCast'),
      'BlockVoteClosed',
      'CouncilReviewOpened',
    ]);
    expect(await api.workflowStage(id)).toBe('CouncilReview');
  });
});
