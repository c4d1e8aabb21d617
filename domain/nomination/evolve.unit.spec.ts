import { actors, at, historyIn, NOMINATION_ID, pathTo, policy } from '../testing/fixtures';
import { history } from '../testing/given-when-then';
import type { TimedStage } from '../policy/deadlines';
import type { NominationCommand } from './commands';
import { isNominationEventType, NominationEventType, type NominationEvent } from './events';
import { evolve, fold } from './evolve';
import { initialState, pendingTimers, type NominationState } from './state';

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

/** At least one event of every type, taken from real decisions. */
function oneOfEach(): NominationEvent[] {
  const system = (type: 'SendReminder' | 'ReachDeadline', hours: number, stage: TimedStage): NominationCommand =>
    ({ type, nominationId: NOMINATION_ID, actor: actors.system, at: at(hours), stage }) as NominationCommand;
  const board = (type: 'PlaceOnHold' | 'ReleaseHold' | 'RequestSupplement', hours: number): NominationCommand =>
    ({ type, nominationId: NOMINATION_ID, actor: actors.board, at: at(hours), reason: 'Lý do' }) as NominationCommand;
  const all = [
    ...history(policy, [
      ...pathTo('Awarded'),
      {
        type: 'RevokeAward',
        nominationId: NOMINATION_ID,
        actor: actors.chairman,
        at: at(999),
        ground: 'fraud',
        details: 'x',
      },
      {
        type: 'RecordDocument',
        nominationId: NOMINATION_ID,
        actor: actors.board,
        at: at(1000),
        kind: 'decision',
        documentId: 'decision-0123',
        files: [{ format: 'pdf', sha256: 'e'.repeat(64), sizeBytes: 100 }],
        recordVersion: 3,
        templateId: 'default.decision',
        templateVersion: 1,
        reference: '163/QĐ-UBND',
      },
    ]),
    // Requested at Tuesday 15:00: the reminder is due on Friday 13 Dec at 15:00.
    ...history(policy, [...historyIn('AwaitingSupplement'), system('SendReminder', 24 * 11 + 7, 'AwaitingSupplement')]),
    ...history(policy, [...historyIn('AwaitingSupplement'), system('ReachDeadline', 24 * 30, 'AwaitingSupplement')]),
    ...history(policy, [
      ...historyIn('CouncilReview'),
      system('ReachDeadline', 24 * 40, 'CouncilReview'),
      board('PlaceOnHold', 24 * 41),
      board('ReleaseHold', 24 * 42),
      board('RequestSupplement', 24 * 43),
      {
        type: 'ProvideSupplement',
        nominationId: NOMINATION_ID,
        actor: actors.officer,
        at: at(24 * 44),
        evidence: [{ documentId: 'doc-x', title: 'x', kind: 'other', sizeBytes: 1, sha256: 'b'.repeat(64) }],
      },
    ]),
    ...history(policy, [
      ...historyIn('Draft'),
      {
        type: 'EditDraft',
        nominationId: NOMINATION_ID,
        actor: actors.officer,
        at: at(0.5),
        changes: { achievements: 'Mới' },
      },
      { type: 'WithdrawNomination', nominationId: NOMINATION_ID, actor: actors.head, at: at(0.6), reason: 'Rút' },
    ]),
  ];
  const byType = new Map(all.map((e) => [e.type, e]));
  return [...byType.values()];
}

describe('evolve', () => {
  const events = oneOfEach();
  const states = Object.fromEntries(STAGES.map((s) => [s, fold(history(policy, historyIn(s)))])) as Record<
    (typeof STAGES)[number],
    NominationState
  >;

  it('the sample holds every event type', () => {
    expect(events.map((e) => e.type).sort()).toEqual(Object.values(NominationEventType).sort());
  });

  const pairs = STAGES.flatMap((stage) => events.map((event) => [event.type, stage, event] as const));
  it.each(pairs)('is total: %s on %s advances the version and does not throw', (_type, stage, event) => {
    const before = states[stage];
    const after = evolve(before, event);
    expect(after.version).toBe(before.version + 1);
  });

  it('starts from the given state', () => {
    const all = history(policy, pathTo('Awarded'));
    const middle = fold(all.slice(0, 5));
    expect(fold(all.slice(5), middle)).toEqual(fold(all));
    expect(fold([])).toBe(initialState);
  });

  it('does not change the state it is given', () => {
    const before = states.BlockVote;
    const copy = JSON.parse(JSON.stringify(before)) as unknown;
    evolve(
      before,
      events.find((e) => e.type === 'BlockVoteCast')!,
    );
    expect(before).toEqual(copy);
  });
});

describe('pendingTimers', () => {
  it('names the deadline and the unsent reminder of a timed stage', () => {
    const state = fold(history(policy, historyIn('BlockVote')));
    expect(pendingTimers(state)).toEqual({
      stage: 'BlockVote',
      deadline: '2024-12-16T03:00:00.000Z',
      reminderAt: '2024-12-12T03:00:00.000Z',
    });
  });

  it('drops the deadline once escalated and the reminder once sent', () => {
    const state = fold(
      history(policy, [
        ...historyIn('CouncilReview'),
        {
          type: 'SendReminder',
          nominationId: NOMINATION_ID,
          actor: actors.system,
          at: at(24 * 30),
          stage: 'CouncilReview',
        },
        {
          type: 'ReachDeadline',
          nominationId: NOMINATION_ID,
          actor: actors.system,
          at: at(24 * 40),
          stage: 'CouncilReview',
        },
      ]),
    );
    expect(pendingTimers(state)).toEqual({ stage: 'CouncilReview' });
  });

  it.each(['Initial', 'Draft', 'OnHold', 'Closed'] as const)('has none in %s', (stage) => {
    expect(pendingTimers(fold(history(policy, historyIn(stage))))).toBeUndefined();
  });

  it('recognises stored event types', () => {
    expect(isNominationEventType('BlockVoteCast')).toBe(true);
    expect(isNominationEventType('toString')).toBe(false);
    expect(isNominationEventType('VoteCast')).toBe(false);
  });
});
