import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { CurrentUser, RequireRoles } from '../../auth/auth.decorators';
import { ApiErrors, ApiQueryParameters, openApiSchema } from '../../common/openapi';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { HISTORY_READER_ROLES } from '../../access/read-access';
import { stateQuerySchema } from '../audit-request-schemas';
import { stateAtSchema } from '../audit-response-schemas';
import { GetNominationStateAt, type StateAt } from './get-state-at.query';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('nominations')
export class StateController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/state')
  @RequireRoles(HISTORY_READER_ROLES)
  @ApiOperation({
    operationId: 'getNominationStateAt',
    summary: 'The nomination as it stood at a version or an instant: fold of its events up to then',
    description:
      "?version=n folds the first n events; ?at=<ISO instant> folds every event whose data.at (the workflow's " +
      'clock, covered by the hash chain) is at or before it; neither gives the current state. Secret ballots sealed.',
  })
  @ApiQueryParameters(stateQuerySchema)
  @ApiOkResponse({ schema: openApiSchema(stateAtSchema) })
  @ApiErrors([400, 401, 403, 404, 503], { 503: 'the store unreachable' })
  state(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Query(new ZodValidationPipe(stateQuerySchema, 'query')) query: z.output<typeof stateQuerySchema>,
  ): Promise<StateAt> {
    const asOf =
      query.version !== undefined ? { version: query.version } : query.at !== undefined ? { at: query.at } : undefined;
    return this.queries.execute(new GetNominationStateAt(user, id, asOf));
  }
}
