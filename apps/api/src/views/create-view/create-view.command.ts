import { Command } from '@nestjs/cqrs';
import type { SavedView } from '@laurel/infra/saved-views/saved-views';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import type { CreateViewBody } from '../view-schemas';

/** Saves the caller's current inbox filters under a name. */
export class CreateViewCommand extends Command<SavedView> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly body: CreateViewBody,
  ) {
    super();
  }
}
