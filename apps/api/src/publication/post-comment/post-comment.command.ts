import { Command } from '@nestjs/cqrs';
import type { PostCommentRequest } from '../publication-schemas';

export interface CommentReceipt {
  readonly commentId: string;
  readonly recordedAt: string;
}

/** A member of the public comments on a proposal published for comment. */
export class PostPublicCommentCommand extends Command<CommentReceipt> {
  constructor(
    readonly nominationId: string,
    readonly body: PostCommentRequest,
  ) {
    super();
  }
}
