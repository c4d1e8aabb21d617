import { Query } from '@nestjs/cqrs';
import type { ActionResult } from '@laurel/workflows/nomination/messages';
import type { AuthenticatedUser } from '../../auth/authenticated-user';

/** The answer to an action that was answered 202: `actionId` is the one the 202 gave. */
export class GetActionOutcomeQuery extends Query<ActionResult> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly nominationId: string,
    readonly actionId: string,
  ) {
    super();
  }
}
