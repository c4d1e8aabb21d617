import { Command } from '@nestjs/cqrs';
import type { ActionResult } from '@laurel/workflows/nomination/messages';
import type { AuthenticatedUser } from '../auth/authenticated-user';

/** An action on an existing nomination: who, which one, the validated body, and an optional idempotency key. */
export abstract class NominationAction<Body> extends Command<ActionResult> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly nominationId: string,
    readonly body: Body,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}
