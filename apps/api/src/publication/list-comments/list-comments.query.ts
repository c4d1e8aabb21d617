import { Query } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import type { PublicComment } from '../publication-views';

export interface PublicCommentList {
  readonly nominationId: string;
  readonly comments: readonly PublicComment[];
}

/** The public's comments on a nomination, for its council and Board. */
export class ListPublicCommentsQuery extends Query<PublicCommentList> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly nominationId: string,
  ) {
    super();
  }
}
