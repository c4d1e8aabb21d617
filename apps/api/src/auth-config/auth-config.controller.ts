import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { openApiSchema } from '../common/openapi';
import { GetAuthConfigQuery, authConfigSchema, type AuthConfig } from './get-auth-config.query';

@ApiTags('auth')
@Controller('auth')
export class AuthConfigController {
  constructor(private readonly queries: QueryBus) {}

  @Get('config')
  @Public()
  @ApiOperation({
    operationId: 'getAuthConfig',
    summary: 'How to sign in: embedded login, or OIDC (Authorization Code + PKCE) with the given provider',
  })
  @ApiOkResponse({ schema: openApiSchema(authConfigSchema) })
  config(): Promise<AuthConfig> {
    return this.queries.execute(new GetAuthConfigQuery());
  }
}
