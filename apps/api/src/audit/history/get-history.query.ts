import { Query } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import type { AuditEventView } from '../audit-events';

export const HISTORY_DEFAULT_LIMIT = 100;
export const HISTORY_MAX_LIMIT = 1000;

export interface HistoryPage {
  readonly nominationId: string;
  /** The stream's version when read: the number of events in the whole history. */
  readonly streamVersion: number;
  readonly fromVersion: number;
  readonly events: readonly AuditEventView[];
  /** Display names by user id of the people this page names (actors, council members); unknown ids left out. */
  readonly people: Readonly<Record<string, string>>;
  /** Pass as `fromVersion` for the next page; null on the last page. */
  readonly nextFromVersion: number | null;
}

/** One page of a nomination's stored events, oldest first. */
export class GetNominationHistory extends Query<HistoryPage> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly nominationId: string,
    readonly fromVersion: number = 1,
    readonly limit: number = HISTORY_DEFAULT_LIMIT,
  ) {
    super();
  }
}
