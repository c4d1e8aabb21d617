import { randomUUID } from 'node:crypto';
import { nominationActionsSchema } from '../../apps/api/src/nominations/get-nomination-actions/get-nomination-actions.query';
import { ApiHarness, NT } from '../support/api-harness';

/** GET /nominations/:id/actions: a dry run of every action for the caller, by role and stage; nothing recorded. */
describe('GET /nominations/:id/actions', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await ApiHarness.start();
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  /** Each action as `true` or its refusal code, parsed with the documented schema. */
  async function actionsOf(user: string, nominationId: string): Promise<Record<string, true | string>> {
    const response = await api.get(user, `/nominations/${nominationId}/actions`);
    expect(response.status).toBe(200);
    const body = nominationActionsSchema.parse(response.body);
    expect(body.nominationId).toBe(nominationId);
    return Object.fromEntries(body.actions.map((a) => [a.action, a.allowed ? true : a.code]));
  }

  test('a draft: the officer edits, the unit head submits, others are refused with the rule that stops them', async () => {
    const { nominationId } = await api.draft();
    const before = await api.streamVersion(nominationId);

    const officer = await actionsOf(NT.officer, nominationId);
    expect(officer).toMatchObject({
      EditDraft: true,
      SubmitNomination: 'ROLE_NOT_ALLOWED',
      CastBlockVote: 'ROLE_NOT_ALLOWED',
    });

    const head = await actionsOf(NT.head, nominationId);
    expect(head).toMatchObject({ SubmitNomination: true, WithdrawNomination: true, CastBlockVote: 'WRONG_STAGE' });

    const otherHead = await actionsOf(NT.voters[0], nominationId);
    expect(otherHead).toMatchObject({ SubmitNomination: 'OUT_OF_SCOPE' });

    const chairman = await actionsOf(NT.chairman, nominationId);
    expect(chairman).toMatchObject({ IssueDecision: 'WRONG_STAGE', RevokeAward: 'WRONG_STAGE' });

    // A dry run records nothing.
    expect(await api.streamVersion(nominationId)).toBe(before);
  }, 120_000);

  test('the block vote: own-unit vote refused, a member votes once, the leader may close', async () => {
    const { nominationId } = await api.submitted();

    expect(await actionsOf(NT.head, nominationId)).toMatchObject({
      CastBlockVote: 'OWN_UNIT_VOTE',
      WithdrawNomination: true,
      SubmitNomination: 'WRONG_STAGE',
    });
    expect(await actionsOf(NT.voters[0], nominationId)).toMatchObject({ CastBlockVote: true });
    await api.act(NT.voters[0], `/nominations/${nominationId}/votes`, { choice: 'approve' });
    expect(await actionsOf(NT.voters[0], nominationId)).toMatchObject({ CastBlockVote: 'ALREADY_VOTED' });
    expect(await actionsOf(NT.leader, nominationId)).toMatchObject({ CloseBlockVote: true });

    const auditor = await actionsOf(NT.auditor, nominationId);
    expect(Object.values(auditor).every((v) => v === 'ROLE_NOT_ALLOWED')).toBe(true);
  }, 120_000);

  test('council and decision: the recused member, the board, the chairman; a closed award only revocable', async () => {
    const { nominationId } = await api.inCouncilReview();
    expect(await actionsOf(NT.council[0], nominationId)).toMatchObject({ RecordCouncilOpinion: true });
    expect(await actionsOf(NT.recusedCouncillor, nominationId)).toMatchObject({
      RecordCouncilOpinion: 'COUNCIL_MEMBER_RECUSED',
    });
    expect(await actionsOf(NT.board, nominationId)).toMatchObject({
      CloseCouncilReview: true,
      RequestSupplement: true,
      PlaceOnHold: true,
      ReleaseHold: 'WRONG_STAGE',
    });
    expect(await actionsOf(NT.chairman, nominationId)).toMatchObject({ IssueDecision: 'WRONG_STAGE' });

    for (const member of NT.council) {
      await api.act(member, `/nominations/${nominationId}/council-opinions`, { recommendation: 'approve' });
    }
    expect(await actionsOf(NT.chairman, nominationId)).toMatchObject({
      IssueDecision: true,
      RevokeAward: 'WRONG_STAGE',
    });
    // The review has closed: an opinion now meets the stage.
    expect(await actionsOf(NT.council[0], nominationId)).toMatchObject({ RecordCouncilOpinion: 'WRONG_STAGE' });

    await api.act(NT.chairman, `/nominations/${nominationId}/decision`, {
      outcome: 'approved',
      decisionNumber: '163/QĐ-UBND',
    });
    expect(await actionsOf(NT.chairman, nominationId)).toMatchObject({
      IssueDecision: 'WRONG_STAGE',
      RevokeAward: true,
    });
    expect(await actionsOf(NT.head, nominationId)).toMatchObject({ WithdrawNomination: 'WRONG_STAGE' });
  }, 180_000);

  test('outside the caller’s reading scope: 403; unknown: 404', async () => {
    const { nominationId } = await api.draft();
    const foreign = api.directory.users().find((u) => u.role === 'unit_officer' && u.unitId !== NT.proposingUnit);
    const outsider = await api.get(foreign!.username, `/nominations/${nominationId}/actions`);
    expect(outsider.status).toBe(403);
    const unknown = await api.get(NT.head, `/nominations/${randomUUID()}/actions`);
    expect(unknown.status).toBe(404);
    expect((await api.get(NT.head, '/nominations/no-such-nomination/actions')).status).toBe(400);
  }, 60_000);
});
