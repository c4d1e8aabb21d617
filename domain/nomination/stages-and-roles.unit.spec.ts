import { COMMAND_ROLES, authorizeRole } from '../policy/roles';
import {
  actors,
  approveCommand,
  at,
  councilMember,
  draftCommand,
  evidenceOf,
  historyIn,
  NOMINATION_ID,
  opinionCommand,
  policy,
  submitCommand,
  voteCommand,
  VOTER_UNITS,
} from '../testing/fixtures';
import { given, history } from '../testing/given-when-then';
import { NOMINATION_COMMAND_TYPES, type NominationCommand, type NominationCommandType } from './commands';
import type { Stage } from './state';
import type { ActorRole } from './values';

const STAGES = [
  'Initial',
  'Draft',
  'BlockVote',
  'CouncilReview',
  'AwaitingSupplement',
  'ProvincialDecision',
  'OnHold',
  'Closed',
] as const;

/** One well-formed command of each type, by an actor allowed to send it. */
const sample: Record<NominationCommandType, NominationCommand> = {
  RecordDocument: {
    type: 'RecordDocument',
    nominationId: NOMINATION_ID,
    actor: actors.board,
    at: at(10_000),
    kind: 'proposal_letter',
    documentId: 'proposal_letter-0123abcd',
    files: [{ format: 'pdf', sha256: 'a'.repeat(64), sizeBytes: 1200 }],
    recordVersion: 1,
    templateId: 'default.proposal_letter',
    templateVersion: 1,
    reference: 'unit-party-office 2024',
  },
  DraftNomination: draftCommand({ at: at(500) }),
  EditDraft: {
    type: 'EditDraft',
    nominationId: NOMINATION_ID,
    actor: actors.officer,
    at: at(500),
    changes: { achievements: 'Cập nhật' },
  },
  SubmitNomination: submitCommand({ at: at(500) }),
  CastBlockVote: voteCommand(VOTER_UNITS[0]!, 'approve', 3),
  CloseBlockVote: { type: 'CloseBlockVote', nominationId: NOMINATION_ID, actor: actors.leader, at: at(3) },
  RecordCouncilOpinion: opinionCommand(1, 'approve', 31),
  CloseCouncilReview: { type: 'CloseCouncilReview', nominationId: NOMINATION_ID, actor: actors.board, at: at(31) },
  RequestSupplement: {
    type: 'RequestSupplement',
    nominationId: NOMINATION_ID,
    actor: actors.board,
    at: at(31),
    reason: 'Thiếu',
  },
  ProvideSupplement: {
    type: 'ProvideSupplement',
    nominationId: NOMINATION_ID,
    actor: actors.officer,
    at: at(32),
    evidence: [evidenceOf('other', 9)],
  },
  IssueDecision: approveCommand(61),
  WithdrawNomination: {
    type: 'WithdrawNomination',
    nominationId: NOMINATION_ID,
    actor: actors.head,
    at: at(33),
    reason: 'Rút',
  },
  PlaceOnHold: {
    type: 'PlaceOnHold',
    nominationId: NOMINATION_ID,
    actor: actors.board,
    at: at(33),
    reason: 'Khiếu nại',
  },
  ReleaseHold: {
    type: 'ReleaseHold',
    nominationId: NOMINATION_ID,
    actor: actors.board,
    at: at(33),
    reason: 'Đã giải quyết',
  },
  RevokeAward: {
    type: 'RevokeAward',
    nominationId: NOMINATION_ID,
    actor: actors.chairman,
    at: at(900),
    ground: 'standards_unmet',
    details: 'Phát hiện sai sót',
  },
  ReachDeadline: {
    type: 'ReachDeadline',
    nominationId: NOMINATION_ID,
    actor: actors.system,
    at: at(10_000),
    stage: 'BlockVote',
  },
  SendReminder: {
    type: 'SendReminder',
    nominationId: NOMINATION_ID,
    actor: actors.system,
    at: at(10_000),
    stage: 'CouncilReview',
  },
};

const allowed: Record<NominationCommandType, readonly Stage[]> = {
  RecordDocument: [
    'Draft',
    'BlockVote',
    'CouncilReview',
    'AwaitingSupplement',
    'ProvincialDecision',
    'OnHold',
    'Closed',
  ],
  DraftNomination: ['Initial'],
  EditDraft: ['Draft'],
  SubmitNomination: ['Draft'],
  CastBlockVote: ['BlockVote'],
  CloseBlockVote: ['BlockVote'],
  RecordCouncilOpinion: ['CouncilReview'],
  CloseCouncilReview: ['CouncilReview'],
  RequestSupplement: ['CouncilReview'],
  ProvideSupplement: ['AwaitingSupplement'],
  IssueDecision: ['ProvincialDecision'],
  WithdrawNomination: ['Draft', 'BlockVote', 'CouncilReview', 'AwaitingSupplement', 'ProvincialDecision', 'OnHold'],
  PlaceOnHold: ['BlockVote', 'CouncilReview', 'AwaitingSupplement', 'ProvincialDecision'],
  ReleaseHold: ['OnHold'],
  RevokeAward: ['Closed'],
  ReachDeadline: ['BlockVote'],
  SendReminder: ['CouncilReview'],
};

const histories = Object.fromEntries(STAGES.map((s) => [s, history(policy, historyIn(s))])) as Record<
  (typeof STAGES)[number],
  ReturnType<typeof history>
>;

function expectedRefusal(type: NominationCommandType, stage: Stage): string {
  if (stage === 'Initial') return 'NOT_FOUND';
  if (type === 'DraftNomination') return 'ALREADY_EXISTS';
  return 'WRONG_STAGE';
}

describe('every command in every stage', () => {
  it('the fixtures reach the stage they are named after', () => {
    for (const stage of STAGES) expect(given(histories[stage], policy).state.stage).toBe(stage);
  });

  const wrong = NOMINATION_COMMAND_TYPES.flatMap((type) =>
    STAGES.filter((stage) => !allowed[type].includes(stage)).map((stage) => [type, stage] as const),
  );
  it.each(wrong)('%s in %s is refused', (type, stage) => {
    given(histories[stage], policy)
      .when(sample[type])
      .thenError(expectedRefusal(type, stage) as 'WRONG_STAGE');
  });

  const right = NOMINATION_COMMAND_TYPES.flatMap((type) => allowed[type].map((stage) => [type, stage] as const));
  it.each(right)('%s in %s passes the stage check', (type, stage) => {
    const { decision } = given(histories[stage], policy).when(sample[type]);
    if (!decision.ok) expect(decision.error.code).not.toBe('WRONG_STAGE');
  });

  it('ReachDeadline and SendReminder name their stage, so a stale timer is refused', () => {
    given(histories.CouncilReview, policy)
      .when({
        type: 'ReachDeadline',
        nominationId: NOMINATION_ID,
        actor: actors.system,
        at: at(10_000),
        stage: 'BlockVote',
      })
      .thenError('WRONG_STAGE', { stage: 'CouncilReview', timerStage: 'BlockVote' });
  });

  it('a revocation of a nomination that was not awarded is refused', () => {
    const failed = history(policy, [
      ...historyIn('BlockVote'),
      { type: 'CloseBlockVote', nominationId: NOMINATION_ID, actor: actors.leader, at: at(3) },
    ]);
    given(failed, policy).when(sample.RevokeAward).thenError('WRONG_STAGE', { outcome: 'NotAwarded' });
  });
});

describe('roles', () => {
  const ROLES: ActorRole[] = [
    'unit_officer',
    'unit_head',
    'block_leader',
    'board_officer',
    'council_member',
    'chairman',
    'auditor',
    'admin',
    'system',
  ];

  it('matches the role table of who acts where', () => {
    expect(COMMAND_ROLES).toEqual({
      RecordDocument: ['board_officer', 'chairman'],
      DraftNomination: ['unit_officer'],
      EditDraft: ['unit_officer'],
      ProvideSupplement: ['unit_officer'],
      SubmitNomination: ['unit_head'],
      WithdrawNomination: ['unit_head'],
      CastBlockVote: ['unit_head'],
      CloseBlockVote: ['block_leader'],
      RequestSupplement: ['board_officer'],
      CloseCouncilReview: ['board_officer'],
      PlaceOnHold: ['board_officer'],
      ReleaseHold: ['board_officer'],
      RecordCouncilOpinion: ['council_member'],
      IssueDecision: ['chairman'],
      RevokeAward: ['chairman'],
      ReachDeadline: ['system'],
      SendReminder: ['system'],
    });
  });

  it('auditors and admins may not act in a nomination at all', () => {
    for (const type of NOMINATION_COMMAND_TYPES) {
      expect(authorizeRole('auditor', type)).toBe(false);
      expect(authorizeRole('admin', type)).toBe(false);
    }
  });

  it('system may only report deadlines and reminders', () => {
    expect(NOMINATION_COMMAND_TYPES.filter((t) => authorizeRole('system', t))).toEqual([
      'ReachDeadline',
      'SendReminder',
    ]);
  });

  const refusals = NOMINATION_COMMAND_TYPES.flatMap((type) =>
    ROLES.filter((role) => !authorizeRole(role, type)).map((role) => [type, role] as const),
  );
  it.each(refusals)('%s by %s is ROLE_NOT_ALLOWED in its own stage', (type, role) => {
    const stage = allowed[type][0]!;
    const command = { ...sample[type], actor: { ...sample[type].actor, role } } as NominationCommand;
    given(histories[stage], policy).when(command).thenError('ROLE_NOT_ALLOWED');
  });
});

describe('separation of duties', () => {
  it('a unit head who voted in the block may not then sit as a council member on it', () => {
    const voter = voteCommand(VOTER_UNITS[0]!, 'approve').actor;
    given(histories.CouncilReview, policy)
      .when({ ...opinionCommand(1, 'approve'), actor: { ...councilMember(1), userId: voter.userId } })
      .thenError('SEPARATION_OF_DUTIES', { actedIn: 'blockVote', attempted: 'council' });
  });

  it('a board officer who returned the dossier may not decide it', () => {
    const events = history(policy, [
      ...historyIn('AwaitingSupplement'),
      {
        type: 'ProvideSupplement',
        nominationId: NOMINATION_ID,
        actor: actors.officer,
        at: at(40),
        evidence: [evidenceOf('other', 3)],
      },
      ...Array.from({ length: 10 }, (_, i) => opinionCommand(i + 1, 'approve', 41)),
    ]);
    given(events, policy)
      .when({ ...approveCommand(61), actor: { ...actors.chairman, userId: actors.board.userId } })
      .thenError('SEPARATION_OF_DUTIES', { actedIn: 'council', attempted: 'decision' });
  });

  it('the officer who drafted may not give a council opinion', () => {
    given(histories.CouncilReview, policy)
      .when({
        ...opinionCommand(1, 'approve'),
        actor: { userId: actors.officer.userId, role: 'council_member', unitId: 'unit-dept-1' },
      })
      .thenError('SEPARATION_OF_DUTIES', { actedIn: 'proposal' });
  });

  it('the block leader may vote for their unit and close the vote: one stage family', () => {
    const leaderAsHead = {
      ...voteCommand('unit-propaganda', 'approve'),
      actor: { ...actors.leader, role: 'unit_head' as const },
    };
    const events = history(policy, [...historyIn('BlockVote'), leaderAsHead]);
    given(events, policy)
      .when({ type: 'CloseBlockVote', nominationId: NOMINATION_ID, actor: actors.leader, at: at(3) })
      .thenMatch([{ type: 'BlockVoteClosed', data: { closedBy: 'leader' } }]);
  });

  it('a deferral at submission does not count as a Board act of the unit head', () => {
    const record = { ...draftCommand().record, flags: { underDisciplinaryReview: true } };
    const events = history(policy, [draftCommand({ record }), submitCommand()]);
    const state = given(events, policy).state;
    expect(state.stage).toBe('OnHold');
    if (state.stage === 'Initial') return;
    expect(state.participants.council).toEqual([]);
  });
});
