import { Command } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user';

/** Deletes one of the caller's own views. */
export class DeleteViewCommand extends Command<void> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly viewId: string,
  ) {
    super();
  }
}
