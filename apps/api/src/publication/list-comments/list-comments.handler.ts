import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Stores } from '@laurel/infra/runtime/stores';
import { outOfScope } from '../../access/nomination-access';
import { ApiError } from '../../common/api-error';
import type { ReadModels } from '../../projections/read-models';
import { PROJECTIONS, STORES } from '../../tokens';
import { PUBLIC_COMMENT_RECORDED, commentStream } from '../comment-stream';
import type { PublicComment } from '../publication-views';
import { ListPublicCommentsQuery, type PublicCommentList } from './list-comments.query';

@QueryHandler(ListPublicCommentsQuery)
export class ListPublicCommentsHandler implements IQueryHandler<ListPublicCommentsQuery> {
  constructor(
    @Inject(PROJECTIONS) private readonly readModels: ReadModels,
    @Inject(STORES) private readonly stores: Stores,
  ) {}

  async execute({ user, nominationId }: ListPublicCommentsQuery): Promise<PublicCommentList> {
    const proposal = await this.readModels.proposal(nominationId);
    if (!proposal) throw new ApiError(404, 'NOT_FOUND', `no nomination ${nominationId}`, { nominationId });
    if (user.role !== 'admin' && user.province !== proposal.province) {
      throw outOfScope('comments on another province’s nomination', { province: proposal.province });
    }
    const comments: PublicComment[] = [];
    for await (const event of this.stores.events.readStream(commentStream(nominationId))) {
      if (event.type !== PUBLIC_COMMENT_RECORDED) continue;
      const d = event.data as Record<string, unknown>;
      comments.push({
        commentId: String(d['commentId']),
        name: typeof d['name'] === 'string' ? d['name'] : null,
        text: String(d['text']),
        at: String(d['at']),
      });
    }
    return { nominationId, comments };
  }
}
