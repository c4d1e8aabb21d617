import { Body, Controller, Get, HttpCode, Param, Post, Query as QueryParam, UseInterceptors } from '@nestjs/common';
import {
  Command,
  CommandBus,
  CommandHandler,
  type ICommandHandler,
  IQueryHandler,
  Query,
  QueryBus,
  QueryHandler,
} from '@nestjs/cqrs';
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
import type { ItemPage } from '../projections/read-models';
import { ReadYourWritesInterceptor } from '../projections/read-your-writes.interceptor';
import { itemPage } from './session-views';
import {
  castCouncilBallotSchema,
  councilSessionSchema,
  openCouncilSessionSchema,
  type CastCouncilBallotRequest,
  type CouncilSessionBody,
  type OpenCouncilSessionRequest,
} from './council-session-schemas';
import { CouncilSessions } from './council-sessions.service';
import { sessionActionResultSchema } from './session-schemas';

type Act = 'open' | 'ballot' | 'close';

export class CouncilSessionCommand extends Command<CouncilSessionBody | SessionActionResult> {
  constructor(
    readonly act: Act,
    readonly user: AuthenticatedUser,
    readonly sessionId: string,
    readonly body?: OpenCouncilSessionRequest | CastCouncilBallotRequest,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}

export class GetCouncilSessionQuery extends Query<CouncilSessionBody> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly sessionId: string,
    readonly page?: ItemPage,
  ) {
    super();
  }
}

export class ListCouncilSessionsQuery extends Query<CouncilSessionBody[]> {
  constructor(readonly user: AuthenticatedUser) {
    super();
  }
}

@QueryHandler(ListCouncilSessionsQuery)
export class ListCouncilSessionsHandler implements IQueryHandler<ListCouncilSessionsQuery> {
  constructor(private readonly sessions: CouncilSessions) {}
  execute({ user }: ListCouncilSessionsQuery): Promise<CouncilSessionBody[]> {
    return this.sessions.list(user);
  }
}

@CommandHandler(CouncilSessionCommand)
export class CouncilSessionHandler implements ICommandHandler<CouncilSessionCommand> {
  constructor(private readonly sessions: CouncilSessions) {}
  execute(c: CouncilSessionCommand): Promise<CouncilSessionBody | SessionActionResult> {
    if (c.act === 'open') return this.sessions.open(c.user, c.body as OpenCouncilSessionRequest, c.idempotencyKey);
    if (c.act === 'ballot') return this.sessions.castBallot(c.user, c.sessionId, c.body as CastCouncilBallotRequest);
    return this.sessions.close(c.user, c.sessionId);
  }
}

@QueryHandler(GetCouncilSessionQuery)
export class GetCouncilSessionHandler implements IQueryHandler<GetCouncilSessionQuery> {
  constructor(private readonly sessions: CouncilSessions) {}
  execute({ user, sessionId, page }: GetCouncilSessionQuery): Promise<CouncilSessionBody> {
    return this.sessions.get(user, sessionId, page);
  }
}

@ApiTags('council-sessions')
@ApiBearerAuth()
@Controller('council-sessions')
export class CouncilSessionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listCouncilSessions',
    summary: "Council sessions of the caller's province, newest first (the Board, council members, Chairman, auditors)",
  })
  @ApiResponse({ status: 200, schema: openApiSchema(z.array(councilSessionSchema)) })
  @ApiErrors([401, 503])
  list(@CurrentUser() user: AuthenticatedUser): Promise<CouncilSessionBody[]> {
    return this.queries.execute(new ListCouncilSessionsQuery(user));
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'openCouncilSession',
    summary: 'The Board prepares a council session: an agenda of nominations in council review',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({ schema: openApiSchema(openCouncilSessionSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(councilSessionSchema) })
  @ApiErrors([400, 401, 403, 404, 409, 413, 503], { 409: 'WRONG_STAGE: an item is not in an open council review' })
  async open(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(openCouncilSessionSchema)) body: OpenCouncilSessionRequest,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<CouncilSessionBody> {
    return (await this.commands.execute(
      new CouncilSessionCommand('open', user, '', body, idempotencyKey),
    )) as CouncilSessionBody;
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getCouncilSession',
    summary: 'One council session: agenda, recusals, who voted (never how), progress, quorum',
  })
  @ApiParam({ name: 'id' })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0 } })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 2000 } })
  @ApiQuery({
    name: 'position',
    required: false,
    schema: { type: 'string' },
    description: "an action's `position`: the view shows it",
  })
  @ApiResponse({ status: 200, schema: openApiSchema(councilSessionSchema) })
  @ApiErrors([400, 401, 404, 503])
  @UseInterceptors(ReadYourWritesInterceptor)
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @QueryParam('offset') offset?: string,
    @QueryParam('limit') limit?: string,
  ): Promise<CouncilSessionBody> {
    return this.queries.execute(new GetCouncilSessionQuery(user, id, itemPage(offset, limit)));
  }

  @Post(':id/ballots')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'castCouncilSessionBallot',
    summary: 'A council member votes on every item, except those where the member recuses',
  })
  @ApiParam({ name: 'id' })
  @ApiBody({ schema: openApiSchema(castCouncilBallotSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(sessionActionResultSchema) })
  @ApiErrors([400, 401, 403, 404, 409, 413, 503], {
    403: 'COUNCIL_MEMBER_RECUSED, ROLE_NOT_ALLOWED',
    409: 'ALREADY_VOTED, WRONG_STAGE',
  })
  async castBallot(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(castCouncilBallotSchema)) body: CastCouncilBallotRequest,
  ): Promise<SessionActionResult> {
    return (await this.commands.execute(new CouncilSessionCommand('ballot', user, id, body))) as SessionActionResult;
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'closeCouncilSession',
    summary: 'The Board closes the session; when it was quorate, the open council reviews are closed and counted',
  })
  @ApiParam({ name: 'id' })
  @ApiResponse({ status: 200, schema: openApiSchema(sessionActionResultSchema) })
  @ApiErrors([401, 403, 404, 409, 503])
  async close(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<SessionActionResult> {
    return (await this.commands.execute(new CouncilSessionCommand('close', user, id))) as SessionActionResult;
  }
}
