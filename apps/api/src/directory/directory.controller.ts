import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiErrors, openApiSchema } from '../common/openapi';
import { GetDirectoryQuery, directoryViewSchema, type DirectoryView } from './get-directory.query';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('directory')
export class DirectoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'getDirectory',
    summary: 'Provinces, emulation blocks and units with their names: your province (an administrator: all)',
  })
  @ApiOkResponse({ schema: openApiSchema(directoryViewSchema) })
  @ApiErrors([401, 503], { 503: 'the identity provider’s keys could not be fetched (OIDC)' })
  directory(@CurrentUser() user: AuthenticatedUser): Promise<DirectoryView> {
    return this.queries.execute(new GetDirectoryQuery(user));
  }
}
