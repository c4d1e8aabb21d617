import { api, notePosition, unwrap, type Schemas } from '../../api/client';

export type ActionName = Schemas['NominationActions']['actions'][number]['action'];
export type Availability = Schemas['NominationActions']['actions'][number];

/** The keyboard key of each action on the nomination page (shown on its button and in the `?` help). */
export const ACTION_KEYS: Readonly<Record<ActionName, string>> = {
  EditDraft: 'e',
  SubmitNomination: 's',
  WithdrawNomination: 'w',
  CastBlockVote: 'v',
  CloseBlockVote: 'c',
  RecordCouncilOpinion: 'o',
  CloseCouncilReview: 'k',
  RequestSupplement: 'b',
  ProvideSupplement: 'p',
  PlaceOnHold: 'h',
  ReleaseHold: 'l',
  IssueDecision: 'd',
  RevokeAward: 'x',
};

export const ACTION_ORDER: readonly ActionName[] = [
  'EditDraft',
  'SubmitNomination',
  'CastBlockVote',
  'CloseBlockVote',
  'RecordCouncilOpinion',
  'RequestSupplement',
  'ProvideSupplement',
  'CloseCouncilReview',
  'PlaceOnHold',
  'ReleaseHold',
  'IssueDecision',
  'RevokeAward',
  'WithdrawNomination',
];

/** Cannot be undone: asked for confirmation before sending. */
export const IRREVERSIBLE: ReadonlySet<ActionName> = new Set([
  'SubmitNomination',
  'WithdrawNomination',
  'CloseBlockVote',
  'CloseCouncilReview',
  'IssueDecision',
  'RevokeAward',
]);

/** Refusals that only say "not you" or "not now": such actions are left off the page instead of shown disabled. */
export const NOT_FOR_YOU: ReadonlySet<string> = new Set(['ROLE_NOT_ALLOWED', 'WRONG_STAGE', 'OUT_OF_SCOPE']);

type Body = Record<string, unknown>;

const PATHS: Readonly<Record<Exclude<ActionName, 'EditDraft'>, string>> = {
  SubmitNomination: 'submit',
  WithdrawNomination: 'withdraw',
  CastBlockVote: 'votes',
  CloseBlockVote: 'block-vote/close',
  RecordCouncilOpinion: 'council-opinions',
  CloseCouncilReview: 'council-review/close',
  RequestSupplement: 'supplement-requests',
  ProvideSupplement: 'supplements',
  PlaceOnHold: 'hold',
  ReleaseHold: 'hold/release',
  IssueDecision: 'decision',
  RevokeAward: 'revocation',
};

export type ActionPending = Schemas['ActionPending'];

/**
 * Sends one action with its Idempotency-Key. The paths are the documented
 * routes; the body was shaped by the action's form.
 *
 * A 202 means accepted but not applied yet: it will happen, so it is polled
 * (`GET /nominations/:id/actions/:actionId`) until it is applied or refused,
 * never taken as done. `onPending` tells the screen it is waiting.
 */
export async function sendAction(
  action: Exclude<ActionName, 'EditDraft'>,
  nominationId: string,
  body: Body,
  idempotencyKey: string,
  onPending?: (pending: ActionPending) => void,
): Promise<Schemas['ActionResult']> {
  const path = `/nominations/{id}/${PATHS[action]}` as '/nominations/{id}/votes';
  const first = await unwrapWithStatus(
    api.POST(path, {
      params: { path: { id: nominationId }, header: { 'Idempotency-Key': idempotencyKey } },
      body: body as never,
    }),
  );
  if (first.status !== 202) return first.data as Schemas['ActionResult'];
  const pending = first.data as unknown as ActionPending;
  onPending?.(pending);
  return pollAction(nominationId, pending.actionId);
}

/** Asks for a pending action's outcome until it is applied (200) or refused (an ApiProblem), backing off to 5 s. */
export async function pollAction(
  nominationId: string,
  actionId: string,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<Schemas['ActionResult']> {
  for (let attempt = 0; ; attempt++) {
    await wait(Math.min(5000, 500 * 2 ** Math.min(attempt, 4)));
    const answer = await unwrapWithStatus(
      api.GET('/nominations/{id}/actions/{actionId}', { params: { path: { id: nominationId, actionId } } }),
    );
    if (answer.status !== 202) {
      const result = answer.data as Schemas['ActionResult'];
      notePosition(result.position);
      return result;
    }
  }
}

/** As `unwrap`, keeping the status: a 202 is a success that is not the result yet. */
async function unwrapWithStatus<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ status: number; data: T }> {
  let status = 0;
  const data = await unwrap(
    call.then((result) => {
      status = result.response.status;
      return result;
    }),
  );
  return { status, data };
}
