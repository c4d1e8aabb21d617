import { Query } from '@nestjs/cqrs';
import type { SavedView } from '@laurel/infra/saved-views/saved-views';
import type { AuthenticatedUser } from '../../auth/authenticated-user';

/** One view by id, for its owner or a colleague who got the link. */
export class GetViewQuery extends Query<SavedView> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly viewId: string,
  ) {
    super();
  }
}
