import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { Public } from './auth.decorators';
import type { AccessToken } from './embedded-tokens';
import {
  IssueAccessToken,
  accessTokenSchema,
  loginRequestSchema,
  type LoginRequest,
} from './issue-access-token.command';
import { LoginThrottlerGuard } from './login-throttler.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly commands: CommandBus) {}

  @Post('token')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'issueAccessToken',
    summary: 'Log in (embedded mode): a short-lived bearer token',
    description: 'Rate-limited per client address and username. Disabled (404) when OIDC is configured.',
  })
  @ApiBody({ schema: openApiSchema(loginRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(accessTokenSchema) })
  @ApiErrors([400, 401, 404, 413, 429], {
    401: 'unknown username or wrong password',
    404: 'EMBEDDED_LOGIN_DISABLED: OIDC is configured',
  })
  login(@Body(new ZodValidationPipe(loginRequestSchema)) body: LoginRequest): Promise<AccessToken> {
    return this.commands.execute(new IssueAccessToken(body));
  }
}
