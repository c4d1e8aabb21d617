import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequireRoles } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiErrors, openApiSchema } from '../common/openapi';
import { GetOverviewQuery, overviewSchema, type Overview } from './get-overview/get-overview.query';

@ApiTags('overview')
@ApiBearerAuth()
@Controller('overview')
export class OverviewController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequireRoles(['board_officer', 'chairman', 'auditor', 'admin'])
  @ApiOperation({
    operationId: 'getOverview',
    summary: 'Counts by stage, block, award and year, and the overdue nominations (scoped like GET /nominations)',
  })
  @ApiOkResponse({ schema: openApiSchema(overviewSchema) })
  @ApiErrors([401, 403], { 403: 'ROLE_NOT_ALLOWED: Board officers, the chairman, auditors and admins only' })
  overview(@CurrentUser() user: AuthenticatedUser): Promise<Overview> {
    return this.queries.execute(new GetOverviewQuery(user));
  }
}
