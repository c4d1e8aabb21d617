import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiErrors, openApiSchema } from '../common/openapi';
import { GetMeQuery, meSchema, type Me } from './get-me.query';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'getMe',
    summary: 'The signed-in user: id, name, role, unit, block and province, with their names',
  })
  @ApiOkResponse({ schema: openApiSchema(meSchema) })
  @ApiErrors([401, 503], { 503: 'the identity provider’s keys could not be fetched (OIDC)' })
  me(@CurrentUser() user: AuthenticatedUser): Promise<Me> {
    return this.queries.execute(new GetMeQuery(user));
  }
}
