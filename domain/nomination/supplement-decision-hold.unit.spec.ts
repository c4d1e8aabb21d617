import { fastTestPolicy } from '../policy/registry';
import type { PolicySet } from '../policy/policy-set';
import {
  actors,
  approveCommand,
  at,
  draftCommand,
  evidenceOf,
  historyIn,
  NOMINATION_ID,
  opinions,
  pathTo,
  policy,
  repeat,
  submitCommand,
  VOTER_UNITS,
  votes,
} from '../testing/fixtures';
import { given, history } from '../testing/given-when-then';
import type {
  IssueDecision,
  NominationCommand,
  PlaceOnHold,
  ProvideSupplement,
  ReachDeadline,
  ReleaseHold,
  RequestSupplement,
  RevokeAward,
  SendReminder,
  WithdrawNomination,
} from './commands';
import { fold } from './evolve';
import { isDecisionNumber } from './validation';

const request = (hours = 30, dueDate?: string): RequestSupplement => ({
  type: 'RequestSupplement',
  nominationId: NOMINATION_ID,
  actor: actors.board,
  at: at(hours),
  reason: 'Thiếu bản sao quyết định công nhận sáng kiến',
  ...(dueDate ? { dueDate } : {}),
});
const provide = (hours = 40, n = 5): ProvideSupplement => ({
  type: 'ProvideSupplement',
  nominationId: NOMINATION_ID,
  actor: actors.officer,
  at: at(hours),
  evidence: [evidenceOf('initiative_certificate', n)],
});

describe('supplement', () => {
  it('returns the dossier with the reason and the given due date', () => {
    given(history(policy, historyIn('CouncilReview')), policy)
      .when(request(30, '2024-12-20T17:00:00+07:00'))
      .then([
        {
          type: 'SupplementRequested',
          data: {
            requestNumber: 1,
            reason: 'Thiếu bản sao quyết định công nhận sáng kiến',
            policy: { id: 'lao-cai', version: 1 },
            deadline: '2024-12-20T10:00:00.000Z',
            reminderAt: '2024-12-18T10:00:00.000Z',
            at: at(30),
            by: actors.board,
          },
        },
      ]);
  });

  it('without a due date, gives the policy period of 10 working days', () => {
    // Tuesday 3 Dec 15:00 (+07) + 10 working days = Tuesday 17 Dec 15:00.
    given(history(policy, historyIn('CouncilReview')), policy)
      .when(request(30))
      .thenMatch([{ type: 'SupplementRequested', data: { deadline: '2024-12-17T08:00:00.000Z' } }]);
  });

  it('refuses a due date that is not after the request', () => {
    given(history(policy, historyIn('CouncilReview')), policy)
      .when(request(30, at(29)))
      .thenError('INVALID_COMMAND', { problems: [{ field: 'dueDate' }] });
  });

  it('refuses a request without a reason', () => {
    given(history(policy, historyIn('CouncilReview')), policy)
      .when({ ...request(30), reason: '   ' })
      .thenError('INVALID_COMMAND', { problems: [{ field: 'reason' }] });
  });

  it('resumes the review with the new documents and a fresh deadline', () => {
    const outcome = given(history(policy, [...historyIn('CouncilReview'), request(30)]), policy)
      .when(provide(40))
      .thenMatch([
        {
          type: 'SupplementProvided',
          data: { requestNumber: 1, evidence: [{ documentId: 'doc-initiative_certificate-5' }] },
        },
      ]);
    expect(outcome.state).toMatchObject({ stage: 'CouncilReview', supplementCount: 1 });
  });

  it('may be requested once only', () => {
    given(history(policy, [...historyIn('CouncilReview'), request(30), provide(40)]), policy)
      .when(request(50))
      .thenError('SUPPLEMENT_LIMIT_REACHED', { maxRequests: 1 });
  });

  it('may be requested twice where the policy allows it', () => {
    const twice: PolicySet = { ...policy, supplement: { maxRequests: 2 } };
    given(history(twice, [...historyIn('CouncilReview'), request(30), provide(40)]), twice)
      .when(request(50))
      .thenMatch([{ type: 'SupplementRequested', data: { requestNumber: 2 } }]);
  });

  it('is supplied only by the proposing unit', () => {
    given(history(policy, [...historyIn('CouncilReview'), request(30)]), policy)
      .when({ ...provide(40), actor: { userId: 'u-x', role: 'unit_officer', unitId: 'unit-newspaper' } })
      .thenError('OUT_OF_SCOPE');
  });

  it('needs at least one document, not already in the dossier', () => {
    const events = history(policy, [...historyIn('CouncilReview'), request(30)]);
    given(events, policy)
      .when({ ...provide(40), evidence: [] })
      .thenError('INVALID_COMMAND');
    given(events, policy)
      .when({ ...provide(40), evidence: [evidenceOf('proposal_letter')] })
      .thenError('INVALID_COMMAND', { problems: [{ field: 'evidence[0].documentId' }] });
  });

  it('is refused after the due date', () => {
    given(history(policy, [...historyIn('CouncilReview'), request(30, at(48))]), policy)
      .when(provide(49))
      .thenError('DEADLINE_PASSED');
  });

  it('expires when the due date passes', () => {
    const expire: ReachDeadline = {
      type: 'ReachDeadline',
      nominationId: NOMINATION_ID,
      actor: actors.system,
      at: at(48),
      stage: 'AwaitingSupplement',
    };
    const outcome = given(history(policy, [...historyIn('CouncilReview'), request(30, at(48))]), policy)
      .when(expire)
      .thenMatch([{ type: 'NominationExpired', data: { stage: 'AwaitingSupplement', deadline: at(48) } }]);
    expect(outcome.state).toMatchObject({ stage: 'Closed', outcome: 'Expired', closedReason: 'supplement_expired' });
  });
});

describe('provincial decision', () => {
  const inDecision = () => history(policy, historyIn('ProvincialDecision'));

  it.each([
    ['163/QĐ-UBND', true],
    ['2010/QĐ-CT', true],
    ['15/2024/QĐ-UBND', true],
    [' 163/qđ-ubnd ', true],
    ['163/QD-UBND', false],
    ['0/QĐ-UBND', false],
    ['QĐ-UBND', false],
    ['163/QĐ-', false],
    ['163-QĐ-UBND', false],
    ['một trăm/QĐ-UBND', false],
    ['', false],
  ])('decision number %p valid: %s', (text, valid) => {
    expect(isDecisionNumber(text)).toBe(valid);
  });

  it('stores the decision number in its normal form', () => {
    given(inDecision(), policy)
      .when(approveCommand(60, ' 163/qđ-ubnd '))
      .thenMatch([{ type: 'DecisionIssued', data: { decisionNumber: '163/QĐ-UBND' } }]);
  });

  it('refuses an approval without a well-formed decision number', () => {
    const approve: IssueDecision = approveCommand(60);
    given(inDecision(), policy)
      .when({ ...approve, decisionNumber: undefined })
      .thenError('INVALID_COMMAND', { problems: [{ field: 'decisionNumber' }] });
    given(inDecision(), policy)
      .when({ ...approve, decisionNumber: '163/QD-UBND' })
      .thenError('INVALID_COMMAND', { problems: [{ field: 'decisionNumber' }] });
  });

  it('a rejection needs a reason, and closes as NotAwarded', () => {
    const reject: IssueDecision = { ...approveCommand(60), outcome: 'rejected', decisionNumber: undefined };
    given(inDecision(), policy)
      .when(reject)
      .thenError('INVALID_COMMAND', { problems: [{ field: 'reason' }] });
    const outcome = given(inDecision(), policy)
      .when({ ...reject, reason: 'Chưa đủ tiêu chuẩn theo Điều 74' })
      .thenMatch([
        { type: 'DecisionIssued', data: { outcome: 'rejected', reason: 'Chưa đủ tiêu chuẩn theo Điều 74' } },
      ]);
    expect(outcome.state).toMatchObject({ stage: 'Closed', outcome: 'NotAwarded', closedReason: 'decision_rejected' });
  });

  it('takes an explicit signing date, never a future one', () => {
    given(inDecision(), policy)
      .when({ ...approveCommand(60), decisionDate: '2024-12-03' })
      .thenMatch([{ type: 'DecisionIssued', data: { decisionDate: '2024-12-03' } }]);
    given(inDecision(), policy)
      .when({ ...approveCommand(60), decisionDate: '2024-12-25' })
      .thenError('INVALID_COMMAND', { problems: [{ field: 'decisionDate' }] });
  });

  it('escalates when overdue, and can still be decided', () => {
    const overdue: ReachDeadline = {
      type: 'ReachDeadline',
      nominationId: NOMINATION_ID,
      actor: actors.system,
      at: at(24 * 30),
      stage: 'ProvincialDecision',
    };
    const events = history(policy, [...historyIn('ProvincialDecision'), overdue]);
    expect(fold(events)).toMatchObject({ stage: 'ProvincialDecision', escalated: true });
    given(events, policy)
      .when(approveCommand(24 * 31))
      .thenMatch([{ type: 'DecisionIssued' }]);
  });
});

describe('withdrawal', () => {
  const withdraw = (hours: number): WithdrawNomination => ({
    type: 'WithdrawNomination',
    nominationId: NOMINATION_ID,
    actor: actors.head,
    at: at(hours),
    reason: 'Đơn vị rút hồ sơ',
  });

  it.each(['Draft', 'BlockVote', 'CouncilReview', 'AwaitingSupplement', 'ProvincialDecision', 'OnHold'] as const)(
    'is possible from %s until the decision',
    (stage) => {
      const outcome = given(history(policy, historyIn(stage)), policy)
        .when(withdraw(59))
        .thenMatch([{ type: 'NominationWithdrawn', data: { fromStage: stage, reason: 'Đơn vị rút hồ sơ' } }]);
      expect(outcome.state).toMatchObject({ stage: 'Closed', outcome: 'Withdrawn', closedFrom: stage });
    },
  );

  it("is for the proposing unit's head only", () => {
    given(history(policy, historyIn('BlockVote')), policy)
      .when({ ...withdraw(5), actor: { userId: 'u-other', role: 'unit_head', unitId: 'unit-newspaper' } })
      .thenError('OUT_OF_SCOPE');
  });

  it('needs a reason', () => {
    given(history(policy, historyIn('BlockVote')), policy)
      .when({ ...withdraw(5), reason: '' })
      .thenError('INVALID_COMMAND');
  });
});

describe('hold (Decree 98 Art. 4)', () => {
  const hold = (hours: number): PlaceOnHold => ({
    type: 'PlaceOnHold',
    nominationId: NOMINATION_ID,
    actor: actors.board,
    at: at(hours),
    reason: 'Có đơn khiếu nại đang giải quyết',
  });
  const release = (hours: number): ReleaseHold => ({
    type: 'ReleaseHold',
    nominationId: NOMINATION_ID,
    actor: actors.board,
    at: at(hours),
    reason: 'Khiếu nại đã giải quyết xong',
  });

  it('stops the clock and remembers the stage', () => {
    const outcome = given(history(policy, historyIn('CouncilReview')), policy)
      .when(hold(30))
      .thenMatch([{ type: 'NominationPlacedOnHold', data: { resumeStage: 'CouncilReview', trigger: 'board' } }]);
    expect(outcome.state).toMatchObject({ stage: 'OnHold', hold: { resumeStage: 'CouncilReview' } });
    expect(outcome.state).not.toHaveProperty('stageDeadline');
  });

  it('resumes the stage with a fresh period and keeps the opinions given', () => {
    const events = history(policy, [...historyIn('CouncilReview'), ...opinions(['approve', 'approve']), hold(31)]);
    // Monday 9 Dec 09:00 (+07) + 20 working days = Tuesday 7 Jan 2025 09:00 (New Year's Day skipped).
    const outcome = given(events, policy)
      .when({ ...release(0), at: '2024-12-09T09:00:00+07:00' })
      .thenMatch([
        {
          type: 'NominationReleasedFromHold',
          data: { resumedStage: 'CouncilReview', deadline: '2025-01-07T02:00:00.000Z' },
        },
      ]);
    expect(outcome.state).toMatchObject({ stage: 'CouncilReview', council: { opinions: [{}, {}] } });
  });

  it('defers a nominee under disciplinary review at submission instead of refusing', () => {
    const record = { ...draftCommand().record, flags: { underDisciplinaryReview: true } };
    const outcome = given(history(policy, [draftCommand({ record })]), policy)
      .when(submitCommand())
      .thenMatch([
        { type: 'NominationSubmitted' },
        { type: 'NominationPlacedOnHold', data: { resumeStage: 'BlockVote', trigger: 'submission' } },
      ]);
    expect(outcome.state).toMatchObject({ stage: 'OnHold', hold: { trigger: 'submission' } });
  });

  it('a deferred nomination opens its block vote on release', () => {
    const record = { ...draftCommand().record, flags: { underDisciplinaryReview: true } };
    const events = history(policy, [draftCommand({ record }), submitCommand(), release(24 * 7)]);
    expect(fold(events)).toMatchObject({ stage: 'BlockVote', blockVote: { votes: [] } });
    const more: NominationCommand[] = votes(repeat('approve', VOTER_UNITS.length), 24 * 7 + 1);
    expect(fold(history(policy, more, events))).toMatchObject({ stage: 'CouncilReview' });
  });

  it('needs a reason', () => {
    given(history(policy, historyIn('BlockVote')), policy)
      .when({ ...hold(3), reason: ' ' })
      .thenError('INVALID_COMMAND');
  });
});

describe('revocation', () => {
  const revoke: RevokeAward = {
    type: 'RevokeAward',
    nominationId: NOMINATION_ID,
    actor: actors.chairman,
    at: at(24 * 200),
    ground: 'forged_documents',
    details: 'Biên bản họp hội đồng đơn vị bị làm giả',
    decisionNumber: '88/QĐ-UBND',
  };

  it('keeps the outcome Awarded and the decision, with the revocation beside it', () => {
    const awarded = history(policy, pathTo('Awarded'));
    const outcome = given(awarded, policy)
      .when(revoke)
      .thenMatch([{ type: 'AwardRevoked', data: { ground: 'forged_documents', decisionNumber: '88/QĐ-UBND' } }]);
    expect(outcome.state).toMatchObject({
      stage: 'Closed',
      outcome: 'Awarded',
      decision: { decisionNumber: '163/QĐ-UBND' },
      revocation: { ground: 'forged_documents', revokedBy: 'u-chairman' },
    });
    expect(outcome.state.version).toBe(awarded.length + 1);
  });

  it('happens once', () => {
    given(history(policy, [...pathTo('Awarded'), revoke]), policy)
      .when(revoke)
      .thenError('ALREADY_REVOKED');
  });

  it('needs a known ground and details', () => {
    const awarded = history(policy, pathTo('Awarded'));
    given(awarded, policy)
      .when({ ...revoke, ground: 'dislike' as RevokeAward['ground'] })
      .thenError('INVALID_COMMAND');
    given(awarded, policy)
      .when({ ...revoke, details: '' })
      .thenError('INVALID_COMMAND');
  });
});

describe('reminders', () => {
  const remind = (iso: string, stage: SendReminder['stage'] = 'BlockVote'): SendReminder => ({
    type: 'SendReminder',
    nominationId: NOMINATION_ID,
    actor: actors.system,
    at: iso,
    stage,
  });

  it('is due at reminderAt, not before, and once per stage entry', () => {
    const events = history(policy, historyIn('BlockVote'));
    given(events, policy).when(remind('2024-12-12T02:59:59.000Z')).thenError('NOT_DUE_YET');
    given(events, policy)
      .when(remind('2024-12-12T03:00:00.000Z'))
      .thenMatch([{ type: 'ReminderDue', data: { stage: 'BlockVote', deadline: '2024-12-16T03:00:00.000Z' } }]);
    given(history(policy, [remind('2024-12-12T03:00:00.000Z')], events), policy)
      .when(remind('2024-12-13T03:00:00.000Z'))
      .thenError('ALREADY_DONE');
  });

  it('is due again in the next stage', () => {
    const events = history(policy, [
      ...historyIn('BlockVote'),
      remind('2024-12-12T03:00:00.000Z'),
      ...votes(repeat('approve', VOTER_UNITS.length), 24 * 10),
    ]);
    expect(fold(events)).toMatchObject({ stage: 'CouncilReview', reminderSent: false });
  });

  it('is not sent for a stage too short to have one', () => {
    const short: PolicySet = {
      ...fastTestPolicy,
      province: 'default',
      deadlines: { ...fastTestPolicy.deadlines, reminderBefore: { kind: 'duration', ms: 60_000 } },
    };
    const events = history(short, historyIn('BlockVote'));
    expect(fold(events)).not.toHaveProperty('reminderAt');
    given(events, short)
      .when(remind(at(1.001)), short)
      .thenError('NOT_DUE_YET');
  });
});

describe('the fast test policy', () => {
  const fast: PolicySet = { ...fastTestPolicy, province: 'lao-cai' };

  it('runs the stages in seconds', () => {
    const fiveSecondsAfterSubmission = 1 + 5 / 3600;
    const events = history(fast, [
      ...historyIn('BlockVote'),
      ...votes(repeat('approve', VOTER_UNITS.length), fiveSecondsAfterSubmission),
    ]);
    const state = fold(events);
    expect(state).toMatchObject({ stage: 'CouncilReview' });
    if (state.stage !== 'CouncilReview') return;
    expect(Date.parse(state.stageDeadline) - Date.parse(at(fiveSecondsAfterSubmission))).toBe(15_000);
    expect(Date.parse(state.stageDeadline) - Date.parse(state.reminderAt ?? '')).toBe(3_000);
  });
});
