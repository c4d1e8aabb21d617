import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiErrors, openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import {
  awardListSchema,
  listAwardsQuerySchema,
  type AwardListView,
  type ListAwardsQueryParams,
} from './award-schemas';
import { ListAwardsQuery } from './list-awards.query';

@ApiTags('awards')
@ApiBearerAuth()
@Controller('awards')
export class AwardsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'listAwards',
    summary:
      'The awards in effect for a province (and block) on a day: national ones and those the province or a ' +
      "block's Party committee defines, with names, who defined them, legal basis and eligibility in words",
  })
  @ApiQuery({ name: 'province', required: false, description: 'province slug; your own by default' })
  @ApiQuery({ name: 'blockId', required: false, description: "leaves out other blocks' own awards" })
  @ApiQuery({ name: 'at', required: false, description: 'YYYY-MM-DD; today by default' })
  @ApiOkResponse({ schema: openApiSchema(awardListSchema) })
  @ApiErrors([400, 401, 404])
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(listAwardsQuerySchema, 'query')) query: ListAwardsQueryParams,
  ): Promise<AwardListView> {
    return this.queries.execute(new ListAwardsQuery(user, query));
  }
}
