import { DomainError, type DomainErrorCode } from '../nomination/errors';
import { isDecisionNumber, normaliseDecisionNumber, normaliseText } from '../nomination/validation';
import type { Actor } from '../nomination/values';
import { sessionActorRef, type SessionActorRef, type SessionDecision } from '../session/block-session';

/**
 * One decision of the Chairman (number such as `163/QĐ-UBND`, date, signer)
 * over a list of nominations that passed council. Each item gets its own
 * `DecisionIssued` with the list's number, through its own workflow; an item
 * can be rejected with a reason in the same act.
 */

export interface DecisionListItem {
  readonly nominationId: string;
  readonly outcome: 'approved' | 'rejected';
  /** Required for a rejected item; the unit is told why. */
  readonly reason?: string;
  /** For the list's annex: who and what. */
  readonly nomineeName?: string;
  readonly awardType?: string;
}

export interface IssueDecisionList {
  readonly type: 'IssueDecisionList';
  readonly decisionListId: string;
  readonly province: string;
  readonly decisionNumber: string;
  /** YYYY-MM-DD, not after `today`. */
  readonly decisionDate: string;
  /** The signing day in the province's calendar, given from outside. */
  readonly today: string;
  readonly items: readonly DecisionListItem[];
  readonly actor: Actor;
  readonly at: string;
}

export type DecisionListEvent = {
  readonly type: 'DecisionListIssued';
  readonly data: Omit<IssueDecisionList, 'type' | 'actor' | 'at' | 'today'> & {
    readonly at: string;
    readonly by: SessionActorRef;
  };
};

export type DecisionListState =
  { readonly stage: 'Initial' } | { readonly stage: 'Issued'; readonly list: DecisionListEvent['data'] };

export const initialDecisionListState: DecisionListState = { stage: 'Initial' };

const MAX_ITEMS = 5000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function refuse(
  code: DomainErrorCode,
  message: string,
  details?: Record<string, unknown>,
): SessionDecision<DecisionListEvent> {
  return { ok: false, error: new DomainError(code, message, details) };
}

export function decideDecisionList(state: DecisionListState, c: IssueDecisionList): SessionDecision<DecisionListEvent> {
  if (state.stage !== 'Initial') return refuse('ALREADY_EXISTS', `decision list ${c.decisionListId} already exists`);
  if (c.actor.role !== 'chairman') {
    return refuse('ROLE_NOT_ALLOWED', 'only the Chairman issues a decision', { role: c.actor.role });
  }
  const decisionNumber = normaliseDecisionNumber(c.decisionNumber);
  if (!isDecisionNumber(decisionNumber)) {
    return refuse('INVALID_COMMAND', "decisionNumber must look like '163/QĐ-UBND'", { decisionNumber });
  }
  if (!DATE.test(c.decisionDate) || Number.isNaN(Date.parse(`${c.decisionDate}T00:00:00Z`))) {
    return refuse('INVALID_COMMAND', 'decisionDate must be a date (YYYY-MM-DD)', { decisionDate: c.decisionDate });
  }
  if (c.decisionDate > c.today) return refuse('INVALID_COMMAND', 'decisionDate must not be in the future');
  if (c.items.length === 0) return refuse('INVALID_COMMAND', 'a decision lists at least one nomination');
  if (c.items.length > MAX_ITEMS) return refuse('INVALID_COMMAND', `a decision lists at most ${MAX_ITEMS} nominations`);
  const seen = new Set<string>();
  const problems: { nominationId: string; problem: string }[] = [];
  const items = c.items.map((item) => {
    if (seen.has(item.nominationId)) problems.push({ nominationId: item.nominationId, problem: 'listed twice' });
    seen.add(item.nominationId);
    const reason = item.reason === undefined ? undefined : normaliseText(item.reason);
    if (item.outcome === 'rejected' && !reason) {
      problems.push({ nominationId: item.nominationId, problem: 'a rejected item needs its reason' });
    }
    return {
      nominationId: item.nominationId,
      outcome: item.outcome,
      ...(reason ? { reason } : {}),
      ...(item.nomineeName !== undefined ? { nomineeName: item.nomineeName } : {}),
      ...(item.awardType !== undefined ? { awardType: item.awardType } : {}),
    };
  });
  if (problems.length > 0) return refuse('INVALID_COMMAND', 'some items of the list are not valid', { problems });
  return {
    ok: true,
    events: [
      {
        type: 'DecisionListIssued',
        data: {
          decisionListId: c.decisionListId,
          province: c.province,
          decisionNumber,
          decisionDate: c.decisionDate,
          items,
          at: c.at,
          by: sessionActorRef(c.actor),
        },
      },
    ],
  };
}

export function evolveDecisionList(_state: DecisionListState, event: DecisionListEvent): DecisionListState {
  return { stage: 'Issued', list: event.data };
}
