import { Command } from '@nestjs/cqrs';
import type { ActionResult } from '@laurel/workflows/nomination/messages';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import type { TableCommand } from './action-table';

/** An action of the action table: which command, who, which nomination, the validated body, the idempotency key. */
export class TableActionCommand extends Command<ActionResult> {
  constructor(
    readonly command: TableCommand,
    readonly user: AuthenticatedUser,
    readonly nominationId: string,
    readonly body: object,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}
