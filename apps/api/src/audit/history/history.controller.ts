import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { CurrentUser, RequireRoles } from '../../auth/auth.decorators';
import { ApiErrors, ApiQueryParameters, openApiSchema } from '../../common/openapi';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { HISTORY_READER_ROLES } from '../../access/read-access';
import { historyQuerySchema } from '../audit-request-schemas';
import { historyPageSchema } from '../audit-response-schemas';
import { GetNominationHistory, HISTORY_DEFAULT_LIMIT, type HistoryPage } from './get-history.query';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('nominations')
export class HistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/history')
  @RequireRoles(HISTORY_READER_ROLES)
  @ApiOperation({
    operationId: 'getNominationHistory',
    summary: "A nomination's stored events, oldest first, with actor, time, position and hashes",
    description:
      'Secret-ballot choices read "sealed". Auditors and admins read every nomination; the proposing unit\'s ' +
      'officer and head and the block leader read their own. Page with fromVersion and limit (at most 1000).',
  })
  @ApiQueryParameters(historyQuerySchema)
  @ApiOkResponse({ schema: openApiSchema(historyPageSchema) })
  @ApiErrors([400, 401, 403, 404, 503], { 503: 'the store unreachable' })
  history(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Query(new ZodValidationPipe(historyQuerySchema, 'query')) query: z.output<typeof historyQuerySchema>,
  ): Promise<HistoryPage> {
    return this.queries.execute(
      new GetNominationHistory(user, id, query.fromVersion ?? 1, query.limit ?? HISTORY_DEFAULT_LIMIT),
    );
  }
}
