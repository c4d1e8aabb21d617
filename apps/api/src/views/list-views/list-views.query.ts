import { Query } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import type { SavedViewList } from '../view-schemas';

/** The caller's own saved views, newest first. */
export class ListViewsQuery extends Query<SavedViewList> {
  constructor(readonly user: AuthenticatedUser) {
    super();
  }
}
