import { Query } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { AwardListView, ListAwardsQueryParams } from './award-schemas';

/** The awards in effect for a province (and block) on a day, as the policy data defines them. */
export class ListAwardsQuery extends Query<AwardListView> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly params: ListAwardsQueryParams,
  ) {
    super();
  }
}
