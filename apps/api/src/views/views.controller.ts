import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { SavedView } from '@laurel/infra/saved-views/saved-views';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiError } from '../common/api-error';
import { ApiErrors, openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { CreateViewCommand } from './create-view/create-view.command';
import { DeleteViewCommand } from './delete-view/delete-view.command';
import { GetViewQuery } from './get-view/get-view.query';
import { ListViewsQuery } from './list-views/list-views.query';
import {
  createViewBodySchema,
  savedViewListSchema,
  savedViewSchema,
  type CreateViewBody,
  type SavedViewList,
} from './view-schemas';

const VIEW_ID = /^[0-9a-f-]{36}$/;

/** A malformed id cannot name a view: 404 as for an unknown one. */
function viewId(id: string): string {
  if (!VIEW_ID.test(id)) throw new ApiError(404, 'NOT_FOUND', `no saved view ${id}`, { viewId: id });
  return id;
}

@ApiTags('views')
@ApiBearerAuth()
@Controller('views')
export class ViewsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'listViews', summary: 'My saved inbox views, newest first' })
  @ApiResponse({ status: 200, schema: openApiSchema(savedViewListSchema) })
  @ApiErrors([401])
  list(@CurrentUser() user: AuthenticatedUser): Promise<SavedViewList> {
    return this.queries.execute(new ListViewsQuery(user));
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createView',
    summary: 'Save inbox filters under a name',
    description: 'The view belongs to the caller; colleagues of the same province may open it by its link.',
  })
  @ApiBody({ schema: openApiSchema(createViewBodySchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(savedViewSchema) })
  @ApiErrors([400, 401, 409, 413], { 409: 'ALREADY_EXISTS: the per-user limit of saved views is reached' })
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(createViewBodySchema)) body: CreateViewBody,
  ): Promise<SavedView> {
    return this.commands.execute(new CreateViewCommand(user, body));
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getView',
    summary: 'One saved view (its owner, or a colleague of the same province who got the link)',
  })
  @ApiParam({ name: 'id' })
  @ApiResponse({ status: 200, schema: openApiSchema(savedViewSchema) })
  @ApiErrors([401, 404], { 404: 'NOT_FOUND: no such view, or not visible to the caller' })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<SavedView> {
    return this.queries.execute(new GetViewQuery(user, viewId(id)));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteView', summary: 'Delete one of my saved views' })
  @ApiParam({ name: 'id' })
  @ApiResponse({ status: 204, description: 'deleted' })
  @ApiErrors([401, 403, 404], { 403: 'OUT_OF_SCOPE: not the owner', 404: 'NOT_FOUND: no such view' })
  async remove(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<void> {
    await this.commands.execute(new DeleteViewCommand(user, viewId(id)));
  }
}
