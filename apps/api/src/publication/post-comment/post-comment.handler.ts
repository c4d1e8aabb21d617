import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PolicyRegistry } from '@laurel/domain';
import { ConcurrencyError } from '@laurel/infra/event-store/errors';
import type { Stores } from '@laurel/infra/runtime/stores';
import { ApiError } from '../../common/api-error';
import type { ReadModels } from '../../projections/read-models';
import { CLOCK, POLICIES, PROJECTIONS, STORES } from '../../tokens';
import { commentPeriodOf } from '../comment-period';
import { PUBLIC_COMMENT_RECORDED, commentStream, type PublicCommentData } from '../comment-stream';
import { PostPublicCommentCommand, type CommentReceipt } from './post-comment.command';

/** Concurrent comments on one proposal each retry on the stream's new version; more than this is not plausible. */
const MAX_ATTEMPTS = 5;

@CommandHandler(PostPublicCommentCommand)
export class PostPublicCommentHandler implements ICommandHandler<PostPublicCommentCommand> {
  constructor(
    @Inject(PROJECTIONS) private readonly readModels: ReadModels,
    @Inject(STORES) private readonly stores: Stores,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  async execute({ nominationId, body }: PostPublicCommentCommand): Promise<CommentReceipt> {
    const now = this.clock();
    const proposal = await this.readModels.proposal(nominationId);
    // Not published for comment looks the same as unknown: the public learns nothing of internal nominations.
    const period =
      proposal?.stage === 'CouncilReview'
        ? commentPeriodOf(this.policies, proposal.province, proposal.councilReviewSince, now)
        : undefined;
    if (!proposal || !period) {
      throw new ApiError(404, 'NOT_FOUND', 'no proposal published for comment with this id', { nominationId });
    }
    if (!period.open) {
      throw new ApiError(409, 'COMMENT_PERIOD_CLOSED', 'the comment period has ended', { until: period.until });
    }
    const at = now.toISOString();
    const data: PublicCommentData = {
      commentId: randomUUID(),
      nominationId,
      name: body.name !== undefined && body.name.length > 0 ? body.name : null,
      text: body.text,
      at,
    };
    const stream = commentStream(nominationId);
    for (let attempt = 1; ; attempt++) {
      const version = await this.stores.events.streamVersion(stream);
      try {
        await this.stores.events.append(
          stream,
          [
            {
              id: data.commentId,
              type: PUBLIC_COMMENT_RECORDED,
              data: { ...data },
              metadata: { actor: { userId: 'public', role: 'public' }, correlationId: nominationId, schemaVersion: 1 },
            },
          ],
          version,
        );
        return { commentId: data.commentId, recordedAt: at };
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
