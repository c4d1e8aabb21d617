import { endOfLocalDay } from '../policy/calendar';
import type { WorkingCalendar } from '../policy/policy-set';
import { actors, at, draftCommand, historyIn, NOMINATION_ID, policy } from '../testing/fixtures';
import { given, history } from '../testing/given-when-then';
import { fold } from './evolve';
import { decideReservation, holdsReservation, RESERVATION_EVENT_TYPE, type ReservationRequest } from './reservation';
import { nomineeWithUnit } from './values';

/** Rules that once lived in the API's handlers: the supplement's due day, the nominee's unit, no double reward. */

describe('a supplement due on a day', () => {
  it('is due at the end of that day on the policy’s calendar', () => {
    given(history(policy, historyIn('CouncilReview')), policy)
      .when({
        type: 'RequestSupplement',
        nominationId: NOMINATION_ID,
        actor: actors.board,
        at: at(30),
        reason: 'Thiếu biên bản',
        dueDate: '2024-12-20',
      })
      // 20 December 23:59:59.999 in Vietnam (+07:00).
      .thenMatch([{ type: 'SupplementRequested', data: { deadline: '2024-12-20T16:59:59.999Z' } }]);
  });

  it('follows the calendar’s own zone, not a fixed one', () => {
    const west: WorkingCalendar = { ...policy.calendar, timeZoneOffset: '-03:00' };
    expect(endOfLocalDay('2024-12-20', west)).toBe('2024-12-21T02:59:59.999Z');
    expect(endOfLocalDay('2024-12-20', policy.calendar)).toBe('2024-12-20T16:59:59.999Z');
    expect(() => endOfLocalDay('2024-02-30', policy.calendar)).toThrow(RangeError);
  });

  it('refuses a day that is already over', () => {
    given(history(policy, historyIn('CouncilReview')), policy)
      .when({
        type: 'RequestSupplement',
        nominationId: NOMINATION_ID,
        actor: actors.board,
        at: at(30),
        reason: 'Thiếu biên bản',
        dueDate: '2024-12-01',
      })
      .thenError('INVALID_COMMAND', { problems: [{ field: 'dueDate' }] });
  });
});

describe('the nominee’s unit', () => {
  it('defaults to the unit given, and keeps one the caller named', () => {
    const { nominee } = draftCommand();
    const { unitId: _unit, ...withoutUnit } = nominee;
    expect(nomineeWithUnit(withoutUnit, 'unit-party-office')).toEqual({ ...withoutUnit, unitId: 'unit-party-office' });
    expect(nomineeWithUnit({ ...withoutUnit, unitId: 'unit-youth' }, 'unit-party-office').unitId).toBe('unit-youth');
  });
});

describe('no double reward', () => {
  const by = { userId: 'u-head', role: 'unit_head' } as const;
  const base: ReservationRequest = {
    kind: 'achievement',
    key: 'k',
    nominationId: 'nom-2',
    holderId: undefined,
    holderState: undefined,
    at: at(1),
    by,
  };
  const awarded = fold(history(policy, historyIn('Closed')));
  const open = fold(history(policy, historyIn('BlockVote')));
  const withdrawn = fold(
    history(policy, [
      ...historyIn('BlockVote'),
      { type: 'WithdrawNomination', nominationId: NOMINATION_ID, actor: actors.head, at: at(3), reason: 'Rút' },
    ]),
  );

  it('reserves a key nobody holds', () => {
    expect(decideReservation(base)).toEqual({
      outcome: 'reserve',
      event: {
        type: RESERVATION_EVENT_TYPE,
        data: { kind: 'achievement', key: 'k', nominationId: 'nom-2', at: at(1), by },
      },
    });
  });

  it('writes nothing for the nomination that holds it already', () => {
    expect(decideReservation({ ...base, holderId: 'nom-2' })).toEqual({ outcome: 'held' });
  });

  it('refuses a key held by an open or an awarded nomination, naming the holder', () => {
    for (const holderState of [open, awarded]) {
      expect(decideReservation({ ...base, holderId: 'nom-1', holderState })).toMatchObject({
        outcome: 'taken',
        refusal: {
          kind: 'achievement',
          key: 'k',
          heldBy: 'nom-1',
          message: expect.stringContaining('no double reward'),
        },
      });
    }
  });

  it('takes over a key whose holder closed without an award, or never existed', () => {
    for (const holderState of [withdrawn, undefined]) {
      expect(decideReservation({ ...base, holderId: 'nom-1', holderState })).toMatchObject({
        outcome: 'reserve',
        event: { data: { nominationId: 'nom-2', previousNominationId: 'nom-1' } },
      });
    }
    expect(holdsReservation(withdrawn)).toBe(false);
    expect(holdsReservation(awarded)).toBe(true);
  });
});
