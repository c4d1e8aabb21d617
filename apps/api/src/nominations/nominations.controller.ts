import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { ActionResult } from '@laurel/workflows/nomination/messages';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiErrors, ApiQueryParameters, openApiSchema } from '../common/openapi';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ReadYourWritesInterceptor } from '../projections/read-your-writes.interceptor';
import { ActionResponses } from './action-responses.decorator';
import { actionPendingSchema, actionResultSchema } from './action-result.schema';
import { GetActionOutcomeQuery } from './get-action-outcome/get-action-outcome.query';
import { RequestDeadlineInterceptor } from '../common/request-deadline';
import { castBlockVoteSchema, type CastBlockVoteRequest } from './cast-block-vote/cast-block-vote.request';
import {
  DraftNominationCommand,
  draftNominationSchema,
  type DraftNominationRequest,
} from './draft-nomination/draft-nomination.command';
import { EditDraftCommand, editDraftSchema, type EditDraftRequest } from './edit-draft/edit-draft.command';
import {
  GetNominationActionsQuery,
  nominationActionsSchema,
  type NominationActions,
} from './get-nomination-actions/get-nomination-actions.query';
import { IdempotencyKey } from './idempotency-key.decorator';
import { issueDecisionSchema, type IssueDecisionRequest } from './issue-decision/issue-decision.request';
import {
  GetNominationQuery,
  ListNominationsQuery,
  listNominationsQuerySchema,
  type ListNominationsRequest,
  type NominationDetail,
  type NominationListResponse,
} from './nomination-queries';
import { nominationDetailSchema, nominationPageSchema } from './nomination-response-schemas';
import { holdReasonSchema, type HoldReasonRequest } from './place-on-hold/place-on-hold.request';
import {
  provideSupplementSchema,
  type ProvideSupplementRequest,
} from './provide-supplement/provide-supplement.request';
import {
  recordCouncilOpinionSchema,
  type RecordCouncilOpinionRequest,
} from './record-council-opinion/record-council-opinion.request';
import { RevokeAwardCommand, revokeAwardSchema, type RevokeAwardRequest } from './revoke-award/revoke-award.command';
import {
  RequestSupplementCommand,
  requestSupplementSchema,
  type RequestSupplementRequest,
} from './request-supplement/request-supplement.command';
import { emptyBodySchema } from './request-schemas';
import { SubmitNominationCommand } from './submit-nomination/submit-nomination.command';
import { TableActionCommand } from './table-action/table-action.command';
import {
  withdrawNominationSchema,
  type WithdrawNominationRequest,
} from './withdraw-nomination/withdraw-nomination.request';

/**
 * Nomination actions and reads. Thin by design: validate, dispatch on the
 * Command/Query bus; the handlers talk to the workflow and the read models.
 */
@ApiTags('nominations')
@ApiBearerAuth()
@Controller('nominations')
@UseInterceptors(RequestDeadlineInterceptor)
export class NominationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'draftNomination',
    summary: 'Draft a nomination (unit officer); the unit, block and province are the caller’s',
  })
  @ApiBody({ schema: openApiSchema(draftNominationSchema) })
  @ActionResponses(201)
  draft(
    @CurrentUser() user: AuthenticatedUser,
    @Body(new ZodValidationPipe(draftNominationSchema)) body: DraftNominationRequest,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ActionResult> {
    return this.commands.execute(new DraftNominationCommand(user, body, idempotencyKey));
  }

  @Patch(':id')
  @HttpCode(200)
  @ApiOperation({ operationId: 'editDraft', summary: 'Edit the draft (unit officer of the proposing unit)' })
  @ApiBody({ schema: openApiSchema(editDraftSchema) })
  @ActionResponses(200)
  edit(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(editDraftSchema)) body: EditDraftRequest,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ActionResult> {
    return this.commands.execute(new EditDraftCommand(user, id, body, idempotencyKey));
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'submitNomination',
    summary: 'Submit (unit head of the proposing unit)',
    description:
      'Voters, council size and recusals come from the directory. The achievement (nominee, award, campaign) is reserved: ' +
      'a second nomination of one achievement gets 409 ALREADY_NOMINATED.',
  })
  @ActionResponses(200)
  submit(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(emptyBodySchema)) body: Record<string, never>,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ActionResult> {
    return this.commands.execute(new SubmitNominationCommand(user, id, body, idempotencyKey));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'withdrawNomination',
    summary: 'Withdraw (unit head of the proposing unit), any time before the decision',
  })
  @ApiBody({ schema: openApiSchema(withdrawNominationSchema) })
  @ActionResponses(200)
  withdraw(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(withdrawNominationSchema)) body: WithdrawNominationRequest,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ActionResult> {
    return this.commands.execute(new TableActionCommand('WithdrawNomination', user, id, body, idempotencyKey));
  }

  @Post(':id/votes')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'castBlockVote',
    summary: 'Vote for your unit in the block vote (unit head of another member unit)',
  })
  @ApiBody({ schema: openApiSchema(castBlockVoteSchema) })
  @ActionResponses(200)
  vote(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(castBlockVoteSchema)) body: CastBlockVoteRequest,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ActionResult> {
    return this.commands.execute(new TableActionCommand('CastBlockVote', user, id, body, idempotencyKey));
  }

  @Post(':id/block-vote/close')
  @HttpCode(200)
  @ApiOperation({ operationId: 'closeBlockVote', summary: 'Close the block vote early (the block’s leader)' })
  @ActionResponses(200)
  closeBlockVote(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(emptyBodySchema)) body: Record<string, never>,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ActionResult> {
    return this.commands.execute(new TableActionCommand('CloseBlockVote', user, id, body, idempotencyKey));
  }

  @Post(':id/council-opinions')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'recordCouncilOpinion',
    summary: 'Give your opinion in the council review (council member; sealed if secret ballot)',
  })
  @ApiBody({ schema: openApiSchema(recordCouncilOpinionSchema) })
  @ActionResponses(200)
  councilOpinion(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(recordCouncilOpinionSchema)) body: RecordCouncilOpinionRequest,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ActionResult> {
    return this.commands.execute(new TableActionCommand('RecordCouncilOpinion', user, id, body, idempotencyKey));
  }

  @Post(':id/council-review/close')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'closeCouncilReview',
    summary: 'Close the council review with the opinions given (Board officer)',
  })
  @ActionResponses(200)
  closeCouncilReview(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(emptyBodySchema)) body: Record<string, never>,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ActionResult> {
    return this.commands.execute(new TableActionCommand('CloseCouncilReview', user, id, body, idempotencyKey));
  }

  @Post(':id/supplement-requests')
  @HttpCode(200)
  @ApiOperation({ operationId: 'requestSupplement', summary: 'Return the dossier for a supplement (Board officer)' })
  @ApiBody({ schema: openApiSchema(requestSupplementSchema) })
  @ActionResponses(200)
  requestSupplement(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(requestSupplementSchema)) body: RequestSupplementRequest,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ActionResult> {
    return this.commands.execute(new RequestSupplementCommand(user, id, body, idempotencyKey));
  }

  @Post(':id/supplements')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'provideSupplement',
    summary: 'Supply the requested documents (unit officer of the proposing unit)',
  })
  @ApiBody({ schema: openApiSchema(provideSupplementSchema) })
  @ActionResponses(200)
  provideSupplement(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(provideSupplementSchema)) body: ProvideSupplementRequest,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ActionResult> {
    return this.commands.execute(new TableActionCommand('ProvideSupplement', user, id, body, idempotencyKey));
  }

  @Post(':id/hold')
  @HttpCode(200)
  @ApiOperation({ operationId: 'placeOnHold', summary: 'Defer the nomination (Board officer; Decree 98 Art. 4)' })
  @ApiBody({ schema: openApiSchema(holdReasonSchema) })
  @ActionResponses(200)
  placeOnHold(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(holdReasonSchema)) body: HoldReasonRequest,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ActionResult> {
    return this.commands.execute(new TableActionCommand('PlaceOnHold', user, id, body, idempotencyKey));
  }

  @Post(':id/hold/release')
  @HttpCode(200)
  @ApiOperation({ operationId: 'releaseHold', summary: 'Release a deferred nomination (Board officer)' })
  @ApiBody({ schema: openApiSchema(holdReasonSchema) })
  @ActionResponses(200)
  releaseHold(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(holdReasonSchema)) body: HoldReasonRequest,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ActionResult> {
    return this.commands.execute(new TableActionCommand('ReleaseHold', user, id, body, idempotencyKey));
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'issueDecision',
    summary: 'Decide (the chairman): approve with a decision number, or reject with a reason',
  })
  @ApiBody({ schema: openApiSchema(issueDecisionSchema) })
  @ActionResponses(200)
  decide(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(issueDecisionSchema)) body: IssueDecisionRequest,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ActionResult> {
    return this.commands.execute(new TableActionCommand('IssueDecision', user, id, body, idempotencyKey));
  }

  @Post(':id/revocation')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'revokeAward',
    summary:
      'Revoke an award already given (the chairman): fraud, forged documents, unlawful approval or standards unmet. ' +
      'The history keeps the award; a second revocation is refused (409 ALREADY_REVOKED).',
  })
  @ApiBody({ schema: openApiSchema(revokeAwardSchema) })
  @ActionResponses(200)
  revokeAward(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(revokeAwardSchema)) body: RevokeAwardRequest,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<ActionResult> {
    return this.commands.execute(new RevokeAwardCommand(user, id, body, idempotencyKey));
  }

  @Get()
  @UseInterceptors(ReadYourWritesInterceptor)
  @ApiOperation({
    operationId: 'listNominations',
    summary: 'Nominations you may see, newest first; filters stage, block, unit, year, awardType, outcome',
  })
  @ApiQueryParameters(listNominationsQuerySchema)
  @ApiHeader({ name: 'X-Laurel-Position', required: false, description: 'read-your-writes, as ?position=' })
  @ApiOkResponse({ schema: openApiSchema(nominationPageSchema) })
  @ApiErrors([400, 401, 503], { 503: 'PROJECTION_BEHIND: the read models did not reach the position' })
  list(
    @CurrentUser() user: AuthenticatedUser,
    @Query(new ZodValidationPipe(listNominationsQuerySchema, 'query')) query: ListNominationsRequest,
  ): Promise<NominationListResponse> {
    const { stage, outcome, block, unit, year, awardType, limit, after } = query;
    return this.queries.execute(
      new ListNominationsQuery(user, {
        ...(stage !== undefined ? { stage } : {}),
        ...(outcome !== undefined ? { outcome } : {}),
        ...(block !== undefined ? { blockId: block } : {}),
        ...(unit !== undefined ? { unitId: unit } : {}),
        ...(year !== undefined ? { campaignYear: year } : {}),
        ...(awardType !== undefined ? { awardType } : {}),
        limit,
        ...(after !== undefined ? { after } : {}),
      }),
    );
  }

  @Get(':id/actions')
  @ApiOperation({
    operationId: 'getNominationActions',
    summary: 'What you may do in this nomination now: each action allowed, or the refusal it would meet',
    description:
      'A dry run of every action for the signed-in user, by the same checks an action takes (role, scope, then the ' +
      'domain’s rules on the current state); nothing is recorded. Input-dependent refusals (a bad decision number) ' +
      'show only when the action is sent.',
  })
  @ApiOkResponse({ schema: openApiSchema(nominationActionsSchema) })
  @ApiErrors([401, 403, 404, 503], {
    403: 'the nomination is outside what your role and scope may see',
    503: 'Temporal unreachable',
  })
  actions(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<NominationActions> {
    return this.queries.execute(new GetNominationActionsQuery(user, id));
  }

  @Get(':id/actions/:actionId')
  @ApiOperation({
    operationId: 'getActionOutcome',
    summary: 'The outcome of an action that was answered 202: 200 applied, 202 still pending, or its refusal',
  })
  @ApiParam({ name: 'id', required: true })
  @ApiParam({ name: 'actionId', required: true, description: 'the actionId of the 202 answer' })
  @ApiOkResponse({ schema: openApiSchema(actionResultSchema) })
  @ApiResponse({ status: 202, description: 'still pending', schema: openApiSchema(actionPendingSchema) })
  @ApiErrors([400, 401, 403, 404, 409, 503], {
    404: 'no such action of yours on this nomination',
    409: 'the action was refused (its code)',
    503: 'Temporal or the store unreachable',
  })
  outcome(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('actionId') actionId: string,
  ): Promise<ActionResult> {
    return this.queries.execute(new GetActionOutcomeQuery(user, id, actionId));
  }

  @Get(':id')
  @UseInterceptors(ReadYourWritesInterceptor)
  @ApiOperation({ operationId: 'getNomination', summary: 'One nomination (secret ballots sealed)' })
  @ApiQuery({ name: 'position', required: false, description: 'read-your-writes: the position an action returned' })
  @ApiHeader({ name: 'X-Laurel-Position', required: false, description: 'read-your-writes, as ?position=' })
  @ApiOkResponse({ schema: openApiSchema(nominationDetailSchema) })
  @ApiErrors([400, 401, 403, 404, 503], {
    403: 'the nomination is outside what your role and scope may see',
    503: 'Temporal unreachable, or PROJECTION_BEHIND: the read models did not reach the position',
  })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<NominationDetail> {
    return this.queries.execute(new GetNominationQuery(user, id));
  }
}
