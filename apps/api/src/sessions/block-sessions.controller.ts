import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { z } from 'zod';
import type { SessionActionResult } from '@laurel/workflows/session/messages';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiErrors, openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { IdempotencyKey } from '../nominations/idempotency-key.decorator';
import { ReadYourWritesInterceptor } from '../projections/read-your-writes.interceptor';
import { itemPage } from './session-views';
import {
  CastSessionBallotCommand,
  CloseBlockSessionCommand,
  GetBlockSessionQuery,
  ListBlockSessionsQuery,
  OpenBlockSessionCommand,
} from './block-session.commands';
import {
  blockSessionSchema,
  castBallotSchema,
  openBlockSessionSchema,
  sessionActionResultSchema,
  type BlockSessionBody,
  type CastBallotRequest,
  type OpenBlockSessionRequest,
} from './session-schemas';

@ApiTags('block-sessions')
@ApiBearerAuth()
@Controller('block-sessions')
export class BlockSessionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'listBlockSessions', summary: 'Block vote sessions the caller may see, newest first' })
  @ApiResponse({ status: 200, schema: openApiSchema(z.array(blockSessionSchema)) })
  @ApiErrors([401, 503])
  list(@CurrentUser() user: AuthenticatedUser): Promise<BlockSessionBody[]> {
    return this.queries.execute(new ListBlockSessionsQuery(user));
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'openBlockSession',
    summary: "The block leader opens the year-end vote session on a set of the block's nominations",
    description:
      'Every nomination must be in its block vote, in the leader’s block and of one campaign year. ' +
      'The same sessionId (or Idempotency-Key) opens one session however often it is sent.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({ schema: openApiSchema(openBlockSessionSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(blockSessionSchema) })
  @ApiErrors([400, 401, 403, 404, 409, 413, 503], { 409: 'WRONG_STAGE: a nomination is not in an open block vote' })
  open(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(openBlockSessionSchema)) body: OpenBlockSessionRequest,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<BlockSessionBody> {
    return this.commands.execute(new OpenBlockSessionCommand(user, body, idempotencyKey));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getBlockSession', summary: 'One block session: agenda, ballots, progress, results' })
  @ApiParam({ name: 'id' })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0 } })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 2000 } })
  @ApiQuery({
    name: 'position',
    required: false,
    schema: { type: 'string' },
    description: "an action's `position`: the view shows it",
  })
  @ApiResponse({ status: 200, schema: openApiSchema(blockSessionSchema) })
  @ApiErrors([400, 401, 404, 503])
  @UseInterceptors(ReadYourWritesInterceptor)
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Query('offset') offset?: string,
    @Query('limit') limit?: string,
  ): Promise<BlockSessionBody> {
    return this.queries.execute(new GetBlockSessionQuery(user, id, itemPage(offset, limit)));
  }

  @Post(':id/ballots')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'castBlockSessionBallot',
    summary: "A member unit's head casts the unit's one ballot: a choice for every item it votes on",
    description: "A unit does not vote on its own unit's items. Sent again, the first answer comes back.",
  })
  @ApiParam({ name: 'id' })
  @ApiBody({ schema: openApiSchema(castBallotSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(sessionActionResultSchema) })
  @ApiErrors([400, 401, 403, 404, 409, 413, 503], {
    403: 'OWN_UNIT_VOTE, OUT_OF_SCOPE, ROLE_NOT_ALLOWED',
    409: 'ALREADY_VOTED, WRONG_STAGE (the session is closed)',
  })
  castBallot(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(castBallotSchema)) body: CastBallotRequest,
  ): Promise<SessionActionResult> {
    return this.commands.execute(new CastSessionBallotCommand(user, id, body));
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'closeBlockSession',
    summary: 'The block leader closes the session: every item is counted and its block vote closed',
    description:
      'The flag’s acclamation comes from this count, with the policy’s one leading unit per block and year. ' +
      'The items are closed in the background; GET the session for progress.',
  })
  @ApiParam({ name: 'id' })
  @ApiResponse({ status: 200, schema: openApiSchema(sessionActionResultSchema) })
  @ApiErrors([401, 403, 404, 409, 503])
  close(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<SessionActionResult> {
    return this.commands.execute(new CloseBlockSessionCommand(user, id));
  }
}
