import { Query } from '@nestjs/cqrs';
import type { NominationState } from '@laurel/domain';
import type { AuthenticatedUser } from '../../auth/authenticated-user';

/**
 * The point of a nomination's history to fold up to:
 * - `{ version }`: the first `version` events (0 gives the initial state);
 * - `{ at }`: every event whose domain time `data.at` is at or before `at`.
 *   `data.at` is the workflow's clock when it decided the event, the same
 *   clock the workflow's state carries (`lastEventAt`), and it is covered by
 *   the hash chain; `recordedAt` is neither. Events of a stream are appended in
 *   `data.at` order, so this is always a prefix of the history.
 * - undefined: the whole history.
 */
export type AsOf = { readonly version: number } | { readonly at: string } | undefined;

export interface StateAt {
  readonly nominationId: string;
  readonly streamVersion: number;
  readonly asOf: {
    /** Number of events folded. */
    readonly version: number;
    /** `data.at` of the last event folded; null before the first. */
    readonly lastEventAt: string | null;
    readonly requested: { readonly version: number } | { readonly at: string } | null;
  };
  /** `fold` of those events, secret ballots sealed. */
  readonly state: NominationState;
}

export class GetNominationStateAt extends Query<StateAt> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly nominationId: string,
    readonly asOf: AsOf,
  ) {
    super();
  }
}
