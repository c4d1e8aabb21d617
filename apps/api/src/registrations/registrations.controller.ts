import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiErrors, openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import {
  blockLeadersSchema,
  covenantSchema,
  registerTitlesSchema,
  registrationListSchema,
  setBlockLeaderSchema,
  type BlockLeadersView,
  type CovenantView,
  type RegisterTitlesRequest,
  type RegistrationList,
  type SetBlockLeaderRequest,
} from './registration-schemas';
import { RegistrationsService } from './registrations.service';

const registrationsQuery = z
  .object({ year: z.coerce.number().int().min(2000).max(2200), unit: z.string().min(1).max(200).optional() })
  .strict();
const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2200).optional() }).strict();
const emptySchema = z.object({}).strict();

/**
 * The start of the year: units register their people and collectives for
 * titles, block members sign the covenant, the Board records each block's
 * leader per period (who led when stays in the record).
 */
@ApiTags('registrations')
@ApiBearerAuth()
@Controller()
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Post('registrations')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'registerTitles',
    summary: 'Register your unit’s individuals and collectives for titles this year (đăng ký thi đua)',
  })
  @ApiBody({ schema: openApiSchema(registerTitlesSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(registrationListSchema) })
  @ApiErrors([400, 401, 403, 409, 503])
  register(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(registerTitlesSchema)) body: RegisterTitlesRequest,
  ): Promise<RegistrationList> {
    return this.registrations.register(user, body);
  }

  @Get('registrations')
  @ApiOperation({
    operationId: 'listRegistrations',
    summary: 'A unit’s registrations of a year (your unit by default)',
  })
  @ApiQuery({ name: 'year', required: true, schema: { type: 'integer' } })
  @ApiQuery({ name: 'unit', required: false })
  @ApiResponse({ status: 200, schema: openApiSchema(registrationListSchema) })
  @ApiErrors([400, 401, 403, 404, 503])
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(registrationsQuery, 'query')) query: z.output<typeof registrationsQuery>,
  ): Promise<RegistrationList> {
    return this.registrations.registrations(user, query.unit ?? user.unitId ?? '', query.year);
  }

  @Post('blocks/:blockId/covenants/:year/signatures')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'signCovenant',
    summary: 'Sign the block’s covenant of the year for your unit (unit head)',
  })
  @ApiResponse({ status: 201, schema: openApiSchema(covenantSchema) })
  @ApiErrors([400, 401, 403, 404, 409, 503])
  sign(
    @CurrentUser() user: AuthenticatedUser,
    @Param('blockId') blockId: string,
    @Param('year', ParseIntPipe) year: number,
    @Body(new ZodValidationPipe(emptySchema)) _body: Record<string, never>,
  ): Promise<CovenantView> {
    return this.registrations.signCovenant(user, blockId, year);
  }

  @Get('blocks/:blockId/covenants/:year')
  @ApiOperation({
    operationId: 'getCovenant',
    summary: 'Who has signed the block’s covenant of the year, and who not yet',
  })
  @ApiResponse({ status: 200, schema: openApiSchema(covenantSchema) })
  @ApiErrors([400, 401, 404, 503])
  covenant(
    @CurrentUser() user: AuthenticatedUser,
    @Param('blockId') blockId: string,
    @Param('year', ParseIntPipe) year: number,
  ): Promise<CovenantView> {
    return this.registrations.covenant(user, blockId, year);
  }

  @Post('blocks/:blockId/leaders')
  @HttpCode(201)
  @ApiOperation({ operationId: 'setBlockLeader', summary: 'Record the block’s leader for a period (Board officer)' })
  @ApiBody({ schema: openApiSchema(setBlockLeaderSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(blockLeadersSchema) })
  @ApiErrors([400, 401, 403, 404, 409, 503])
  setLeader(
    @CurrentUser() user: AuthenticatedUser,
    @Param('blockId') blockId: string,
    @Body(new ZodValidationPipe(setBlockLeaderSchema)) body: SetBlockLeaderRequest,
  ): Promise<BlockLeadersView> {
    return this.registrations.setLeader(user, blockId, body);
  }

  @Get('blocks/:blockId/leaders')
  @ApiOperation({ operationId: 'getBlockLeaders', summary: 'Who leads the block in a year, and who led when' })
  @ApiQuery({ name: 'year', required: false, schema: { type: 'integer' } })
  @ApiResponse({ status: 200, schema: openApiSchema(blockLeadersSchema) })
  @ApiErrors([400, 401, 404, 503])
  leaders(
    @CurrentUser() user: AuthenticatedUser,
    @Param('blockId') blockId: string,
    @Query(new ZodValidationPipe(yearQuery, 'query')) query: z.output<typeof yearQuery>,
  ): Promise<BlockLeadersView> {
    return this.registrations.leaders(user, blockId, query.year ?? new Date().getUTCFullYear());
  }
}
