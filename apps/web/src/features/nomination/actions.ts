import { api, unwrap, type Schemas } from '../../api/client';

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

/**
 * Sends one action with its Idempotency-Key. The paths are the documented
 * routes; the body was shaped by the action's form.
 */
export function sendAction(
  action: Exclude<ActionName, 'EditDraft'>,
  nominationId: string,
  body: Body,
  idempotencyKey: string,
): Promise<Schemas['ActionResult']> {
  const path = `/nominations/{id}/${PATHS[action]}` as '/nominations/{id}/votes';
  return unwrap(
    api.POST(path, {
      params: { path: { id: nominationId }, header: { 'Idempotency-Key': idempotencyKey } },
      body: body as never,
    }),
  ) as Promise<Schemas['ActionResult']>;
}
