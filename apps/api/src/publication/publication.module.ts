import { Module } from '@nestjs/common';
import { ListPublicCommentsHandler } from './list-comments/list-comments.handler';
import { ListPublicDecisionsHandler } from './list-decisions/list-decisions.handler';
import { ListPublicProposalsHandler } from './list-proposals/list-proposals.handler';
import { ListPublicProvincesHandler } from './list-provinces/list-provinces.handler';
import { PostPublicCommentHandler } from './post-comment/post-comment.handler';
import { NominationCommentsController, PublicationController } from './publication.controller';

@Module({
  controllers: [PublicationController, NominationCommentsController],
  providers: [
    ListPublicProvincesHandler,
    ListPublicDecisionsHandler,
    ListPublicProposalsHandler,
    PostPublicCommentHandler,
    ListPublicCommentsHandler,
  ],
})
export class PublicationModule {}
