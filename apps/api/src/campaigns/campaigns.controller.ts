import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { CampaignActionResult } from '@laurel/workflows/campaign/messages';
import { CurrentUser, RequireRoles } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiErrors, openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { IdempotencyKey } from '../nominations/idempotency-key.decorator';
import {
  campaignActionResultSchema,
  campaignListSchema,
  campaignViewSchema,
  closeCampaignSchema,
  createCampaignSchema,
  type CampaignView,
  type CloseCampaignRequest,
  type CreateCampaignRequest,
} from './campaign-schemas';
import { ChangeCampaignCommand } from './change-campaign/change-campaign.command';
import { CreateCampaignCommand } from './create-campaign/create-campaign.command';
import { GetCampaignQuery, ListCampaignsQuery } from './get-campaign/get-campaign.query';

const emptySchema = closeCampaignSchema.pick({});

function CampaignAction(status: 200 | 201): MethodDecorator {
  return (target, key, descriptor) => {
    ApiResponse({ status, schema: openApiSchema(campaignActionResultSchema) })(target, key, descriptor);
    ApiErrors([400, 401, 403, 404, 409, 503], {
      409: 'not allowed in the campaign’s stage (WRONG_STAGE)',
    })(target, key, descriptor);
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retry with the same key acts once' })(
      target,
      key,
      descriptor,
    );
  };
}

/**
 * Campaigns (đợt thi đua): each is a Temporal workflow with its intake window
 * as timers and its events on `campaign-<id>`. The Board plans and runs
 * them; nominations name one and are admitted by it, or refused with the reason.
 */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @RequireRoles(['board_officer'])
  @ApiOperation({
    operationId: 'createCampaign',
    summary: 'Plan a campaign of your province: year or period, kind, criteria, planned awards with quotas, window',
  })
  @ApiBody({ schema: openApiSchema(createCampaignSchema) })
  @CampaignAction(201)
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(createCampaignSchema)) body: CreateCampaignRequest,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<CampaignActionResult> {
    return this.commands.execute(new CreateCampaignCommand(user, body, idempotencyKey));
  }

  @Get()
  @ApiOperation({
    operationId: 'listCampaigns',
    summary: 'The campaigns of your province, with their quotas as they stand',
  })
  @ApiResponse({ status: 200, schema: openApiSchema(campaignListSchema) })
  @ApiErrors([401, 503])
  list(@CurrentUser() user: AuthenticatedUser): Promise<{ items: CampaignView[] }> {
    return this.queries.execute(new ListCampaignsQuery(user));
  }

  @Get(':campaignId')
  @ApiOperation({ operationId: 'getCampaign', summary: 'One campaign: its window, stage and quotas (admitted, left)' })
  @ApiResponse({ status: 200, schema: openApiSchema(campaignViewSchema) })
  @ApiErrors([401, 404, 503])
  get(@CurrentUser() user: AuthenticatedUser, @Param('campaignId') campaignId: string): Promise<CampaignView> {
    return this.queries.execute(new GetCampaignQuery(user, campaignId));
  }

  @Post(':campaignId/open')
  @HttpCode(200)
  @RequireRoles(['board_officer'])
  @ApiOperation({ operationId: 'openCampaign', summary: 'Open the campaign; nominations enter from intakeOpensAt' })
  @CampaignAction(200)
  open(
    @CurrentUser() user: AuthenticatedUser,
    @Param('campaignId') campaignId: string,
    @Body(new ZodValidationPipe(emptySchema)) _body: Record<string, never>,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<CampaignActionResult> {
    return this.commands.execute(new ChangeCampaignCommand(user, campaignId, 'open', undefined, idempotencyKey));
  }

  @Post(':campaignId/close-intake')
  @HttpCode(200)
  @RequireRoles(['board_officer'])
  @ApiOperation({ operationId: 'closeCampaignIntake', summary: 'Close the intake before its window ends' })
  @CampaignAction(200)
  closeIntake(
    @CurrentUser() user: AuthenticatedUser,
    @Param('campaignId') campaignId: string,
    @Body(new ZodValidationPipe(emptySchema)) _body: Record<string, never>,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<CampaignActionResult> {
    return this.commands.execute(
      new ChangeCampaignCommand(user, campaignId, 'close-intake', undefined, idempotencyKey),
    );
  }

  @Post(':campaignId/close')
  @HttpCode(200)
  @RequireRoles(['board_officer'])
  @ApiOperation({ operationId: 'closeCampaign', summary: 'Close the campaign; its workflow completes' })
  @ApiBody({ schema: openApiSchema(closeCampaignSchema) })
  @CampaignAction(200)
  close(
    @CurrentUser() user: AuthenticatedUser,
    @Param('campaignId') campaignId: string,
    @Body(new ZodValidationPipe(closeCampaignSchema)) body: CloseCampaignRequest,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<CampaignActionResult> {
    return this.commands.execute(new ChangeCampaignCommand(user, campaignId, 'close', body.reason, idempotencyKey));
  }
}
