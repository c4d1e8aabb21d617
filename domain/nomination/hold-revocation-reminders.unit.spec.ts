import { fastTestPolicy } from '../policy/registry';
import type { PolicySet } from '../policy/policy-set';
import {
  actors,
  at,
  draftCommand,
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
import type { NominationCommand, PlaceOnHold, ReleaseHold, RevokeAward, SendReminder } from './commands';
import { fold } from './evolve';

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
