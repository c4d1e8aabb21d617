import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ThrottlerGuard } from '@nestjs/throttler';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { z } from 'zod';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, Public, RequireRoles } from '../auth/auth.decorators';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import { ApiErrors, ApiQueryParameters, openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ListPublicCommentsQuery, type PublicCommentList } from './list-comments/list-comments.query';
import { ListPublicDecisionsQuery } from './list-decisions/list-decisions.query';
import { ListPublicProposalsQuery } from './list-proposals/list-proposals.query';
import { ListPublicProvincesQuery, type PublicProvinceList } from './list-provinces/list-provinces.query';
import { PostPublicCommentCommand, type CommentReceipt } from './post-comment/post-comment.command';
import {
  commentReceiptSchema,
  decisionsQuerySchema,
  postCommentSchema,
  proposalsQuerySchema,
  publicCommentListSchema,
  publicDecisionListSchema,
  publicProposalListSchema,
  publicProvinceListSchema,
  type PostCommentRequest,
} from './publication-schemas';
import type { PublicDecisionList, PublicProposalList } from './publication-views';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function nominationIdOf(id: string): string {
  if (!UUID.test(id)) throw new ApiError(400, ApiErrorCode.INVALID_ID, 'a nomination id is a UUID', { id });
  return id.toLowerCase();
}

/** What a province publishes, for anyone: no token. */
@ApiTags('public')
@Public()
@Controller('public')
export class PublicationController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get('provinces')
  @ApiOperation({
    operationId: 'listPublicProvinces',
    summary: 'Provinces, and which consult the public before council',
  })
  @ApiOkResponse({ schema: openApiSchema(publicProvinceListSchema) })
  provinces(): Promise<PublicProvinceList> {
    return this.queries.execute(new ListPublicProvincesQuery());
  }

  @Get('decisions')
  @ApiOperation({
    operationId: 'listPublicDecisions',
    summary: 'Award decisions of a province and campaign year, with their awardees (JSON feed)',
    description:
      'Only standing awards (outcome Awarded), only the fields the province publishes (by default name, ' +
      'position, unit, award, decision number and date). Withdrawn, rejected, expired and revoked never appear.',
  })
  @ApiQueryParameters(decisionsQuerySchema)
  @ApiOkResponse({ schema: openApiSchema(publicDecisionListSchema) })
  @ApiErrors([400, 404], { 404: 'unknown province' })
  decisions(
    @Query(new ZodValidationPipe(decisionsQuerySchema, 'query')) query: z.output<typeof decisionsQuerySchema>,
  ): Promise<PublicDecisionList> {
    return this.queries.execute(new ListPublicDecisionsQuery(query.province, query.year));
  }

  @Get('proposals')
  @ApiOperation({
    operationId: 'listPublicProposals',
    summary: 'Proposals published for comment before the council session, with their comment period',
  })
  @ApiQueryParameters(proposalsQuerySchema)
  @ApiOkResponse({ schema: openApiSchema(publicProposalListSchema) })
  @ApiErrors([400, 404], { 404: 'unknown province' })
  proposals(
    @Query(new ZodValidationPipe(proposalsQuerySchema, 'query')) query: z.output<typeof proposalsQuerySchema>,
  ): Promise<PublicProposalList> {
    return this.queries.execute(new ListPublicProposalsQuery(query.province));
  }

  @Post('proposals/:nominationId/comments')
  // Counted per client address like sign-in attempts, so a script cannot flood a council with comments.
  @UseGuards(ThrottlerGuard)
  @HttpCode(201)
  @ApiOperation({ operationId: 'postPublicComment', summary: 'Comment on a proposal during its comment period' })
  @ApiParam({ name: 'nominationId', schema: { type: 'string', format: 'uuid' } })
  @ApiBody({ schema: openApiSchema(postCommentSchema) })
  @ApiCreatedResponse({ schema: openApiSchema(commentReceiptSchema) })
  @ApiErrors([400, 404, 409, 413, 429], {
    404: 'no proposal published for comment with this id',
    409: 'COMMENT_PERIOD_CLOSED',
  })
  comment(
    @Param('nominationId') id: string,
    @Body(new ZodValidationPipe(postCommentSchema)) body: PostCommentRequest,
  ): Promise<CommentReceipt> {
    return this.commands.execute(new PostPublicCommentCommand(nominationIdOf(id), body));
  }
}

/** The comments, for those who weigh them: the council, the Board, the chairman, auditors. */
@ApiTags('public')
@ApiBearerAuth()
@Controller('nominations')
export class NominationCommentsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':nominationId/comments')
  @RequireRoles(['council_member', 'board_officer', 'chairman', 'auditor', 'admin'])
  @ApiOperation({ operationId: 'listPublicComments', summary: 'The public’s comments on a nomination' })
  @ApiParam({ name: 'nominationId', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ schema: openApiSchema(publicCommentListSchema) })
  @ApiErrors([400, 401, 403, 404])
  list(@CurrentUser() user: AuthenticatedUser, @Param('nominationId') id: string): Promise<PublicCommentList> {
    return this.queries.execute(new ListPublicCommentsQuery(user, nominationIdOf(id)));
  }
}
