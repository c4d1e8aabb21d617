import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
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
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiErrors, openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { IdempotencyKey } from '../nominations/idempotency-key.decorator';
import {
  decisionListSchema,
  issueDecisionListSchema,
  type DecisionListBody,
  type IssueDecisionListRequest,
} from './decision-list-schemas';
import { DecisionLists } from './decision-lists.service';

export class IssueDecisionListCommand extends Command<DecisionListBody> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly body: IssueDecisionListRequest,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}

export class GetDecisionListQuery extends Query<DecisionListBody> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly id: string,
  ) {
    super();
  }
}

export class ListDecisionListsQuery extends Query<DecisionListBody[]> {
  constructor(readonly user: AuthenticatedUser) {
    super();
  }
}

@QueryHandler(ListDecisionListsQuery)
export class ListDecisionListsHandler implements IQueryHandler<ListDecisionListsQuery> {
  constructor(private readonly lists: DecisionLists) {}
  execute({ user }: ListDecisionListsQuery): Promise<DecisionListBody[]> {
    return this.lists.list(user);
  }
}

@CommandHandler(IssueDecisionListCommand)
export class IssueDecisionListHandler implements ICommandHandler<IssueDecisionListCommand> {
  constructor(private readonly lists: DecisionLists) {}
  execute({ user, body, idempotencyKey }: IssueDecisionListCommand): Promise<DecisionListBody> {
    return this.lists.issue(user, body, idempotencyKey);
  }
}

@QueryHandler(GetDecisionListQuery)
export class GetDecisionListHandler implements IQueryHandler<GetDecisionListQuery> {
  constructor(private readonly lists: DecisionLists) {}
  execute({ user, id }: GetDecisionListQuery): Promise<DecisionListBody> {
    return this.lists.get(user, id);
  }
}

@ApiTags('decision-lists')
@ApiBearerAuth()
@Controller('decision-lists')
export class DecisionListsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listDecisionLists',
    summary: "Decisions over lists of the caller's province, newest first",
  })
  @ApiResponse({ status: 200, schema: openApiSchema(z.array(decisionListSchema)) })
  @ApiErrors([401, 503])
  list(@CurrentUser() user: AuthenticatedUser): Promise<DecisionListBody[]> {
    return this.queries.execute(new ListDecisionListsQuery(user));
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'issueDecisionList',
    summary: 'The Chairman issues one decision (number, date) over a list of nominations that passed council',
    description:
      'Each item gets its DecisionIssued with the list’s number, through its own workflow; a rejected item needs ' +
      'its reason. The items are decided in the background: GET the list for progress and per-item results. ' +
      'The same decisionListId (or Idempotency-Key) issues one decision however often it is sent.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({ schema: openApiSchema(issueDecisionListSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(decisionListSchema) })
  @ApiErrors([400, 401, 403, 404, 409, 413, 503], { 409: 'WRONG_STAGE: an item has not passed council' })
  issue(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(issueDecisionListSchema)) body: IssueDecisionListRequest,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<DecisionListBody> {
    return this.commands.execute(new IssueDecisionListCommand(user, body, idempotencyKey));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getDecisionList', summary: 'One decision with its list: items, progress, results' })
  @ApiParam({ name: 'id' })
  @ApiResponse({ status: 200, schema: openApiSchema(decisionListSchema) })
  @ApiErrors([401, 404, 503])
  get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<DecisionListBody> {
    return this.queries.execute(new GetDecisionListQuery(user, id));
  }
}
