import type { PolicySet } from '../policy/policy-set';
import { actors, approveCommand, at, evidenceOf, historyIn, NOMINATION_ID, policy } from '../testing/fixtures';
import { given, history } from '../testing/given-when-then';
import type {
  IssueDecision,
  ProvideSupplement,
  ReachDeadline,
  RequestSupplement,
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
