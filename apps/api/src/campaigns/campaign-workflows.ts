import { v5 as uuidv5 } from 'uuid';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  WithStartWorkflowOperation,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import {
  CampaignErrorCode,
  campaignStreamName,
  evolveCampaign,
  initialCampaignState,
  quotaUsage,
  type CampaignDefinition,
  type CampaignEvent,
  type CampaignState,
  type NominationEntry,
} from '@laurel/domain/campaign/campaign';
import { parseInstant } from '@laurel/domain';
import type { Stores } from '@laurel/infra/runtime/stores';
import type { campaignWorkflow } from '@laurel/workflows/campaign/campaign.workflow';
import {
  admitNominationUpdate,
  campaignWorkflowId,
  createCampaignUpdate,
  releaseNominationUpdate,
  type CampaignActionResult,
} from '@laurel/workflows/campaign/messages';
import type { ApiOptions } from '../api-options';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiError, type ApiErrorStatus } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import { apiErrorFromTemporal } from '../common/temporal-errors';
import { actorOf } from '../nominations/nomination-workflows';
import { API_OPTIONS, CLOCK, STORES, TEMPORAL_CLIENT } from '../tokens';
import type { CampaignView } from './campaign-schemas';

const CAMPAIGN_ID_NAMESPACE = '0c9e6a51-7f43-5b2d-8e1a-3d5c7b9f2e64';
const CAMPAIGN_ID = /^[A-Za-z0-9_.:@-]{1,120}$/;

/** HTTP status of each campaign refusal: 409 for "not now / not any more", 400 for what can never fit. */
const CAMPAIGN_ERROR_STATUS: Readonly<Record<CampaignErrorCode, ApiErrorStatus>> = {
  INVALID_COMMAND: 400,
  ROLE_NOT_ALLOWED: 403,
  OTHER_PROVINCE: 403,
  ALREADY_EXISTS: 409,
  NOT_FOUND: 404,
  WRONG_STAGE: 409,
  NOT_DUE_YET: 409,
  CAMPAIGN_NOT_OPEN: 409,
  INTAKE_NOT_STARTED: 409,
  INTAKE_CLOSED: 409,
  QUOTA_EXCEEDED: 409,
  AWARD_NOT_PLANNED: 400,
  YEAR_OUTSIDE_CAMPAIGN: 400,
};

export function campaignNotFound(campaignId: string): ApiError {
  return new ApiError(404, 'NOT_FOUND', `campaign ${campaignId} does not exist`, { campaignId });
}

/** A campaign refusal (from the workflow or the API's own reading of the domain) in the API's shape. */
export function apiErrorFromCampaign(code: string, message: string, details: Record<string, unknown> = {}): ApiError {
  const status = (CAMPAIGN_ERROR_STATUS as Record<string, ApiErrorStatus | undefined>)[code] ?? 409;
  return new ApiError(status, code, message, details);
}

function mapError(error: unknown, campaignId: string): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const type = error.cause.type ?? '';
    if (Object.prototype.hasOwnProperty.call(CAMPAIGN_ERROR_STATUS, type)) {
      const details = error.cause.details?.[0];
      return apiErrorFromCampaign(
        type,
        error.cause.message,
        typeof details === 'object' && details !== null ? { ...(details as object) } : {},
      );
    }
  }
  if (error instanceof WorkflowNotFoundError) return campaignNotFound(campaignId);
  return apiErrorFromTemporal(error, campaignId) ?? error;
}

/**
 * The API's side of the campaign workflow: starts it, sends it actions and
 * reads campaigns back from their streams (the stream is the record, and is
 * written before an action answers, so a read after a write sees it).
 */
@Injectable()
export class CampaignWorkflows {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(API_OPTIONS) private readonly options: ApiOptions,
    @Inject(STORES) private readonly stores: Stores,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  private withDeadline<T>(fn: () => Promise<T>): Promise<T> {
    return this.client.connection.withDeadline(Date.now() + this.options.actionTimeoutMs, fn);
  }

  static idFor(province: string, fromYear: number, toYear: number, user: AuthenticatedUser, key?: string): string {
    const suffix = (key === undefined ? randomUUID() : uuidv5(`${user.userId}\n${key}`, CAMPAIGN_ID_NAMESPACE)).slice(
      0,
      8,
    );
    return `${province}-${fromYear}${toYear !== fromYear ? `-${toYear}` : ''}-${suffix}`;
  }

  async create(user: AuthenticatedUser, definition: CampaignDefinition, key?: string): Promise<CampaignActionResult> {
    const workflowId = campaignWorkflowId(definition.campaignId);
    const updateId = `CreateCampaign:${user.userId}:${key ?? definition.campaignId}`;
    try {
      return await this.withDeadline(() =>
        this.client.workflow.executeUpdateWithStart(createCampaignUpdate, {
          args: [{ actor: actorOf(user), definition }],
          updateId,
          startWorkflowOperation: new WithStartWorkflowOperation<typeof campaignWorkflow>('campaignWorkflow', {
            workflowId,
            taskQueue: this.options.taskQueue,
            args: [{ campaignId: definition.campaignId }],
            // A retry of the same create finds its workflow and gets the first answer by the update id.
            workflowIdConflictPolicy: 'USE_EXISTING',
            staticSummary: `Đợt thi đua: ${definition.title}`,
          }),
        }),
      );
    } catch (error) {
      throw mapError(error, definition.campaignId);
    }
  }

  async act<Args extends object>(
    campaignId: string,
    definition: UpdateDefinition<CampaignActionResult, [Args]>,
    args: Args,
    updateId?: string,
  ): Promise<CampaignActionResult> {
    if (!CAMPAIGN_ID.test(campaignId)) throw campaignNotFound(campaignId);
    try {
      return await this.withDeadline(() =>
        this.client.workflow
          .getHandle(campaignWorkflowId(campaignId))
          .executeUpdate(definition, { args: [args], ...(updateId !== undefined ? { updateId } : {}) }),
      );
    } catch (error) {
      // A closed campaign's workflow has ended and takes no updates.
      if (error instanceof WorkflowNotFoundError || isNotRunning(error)) {
        const state = await this.read(campaignId);
        if (state) {
          throw apiErrorFromCampaign('WRONG_STAGE', `campaign ${campaignId} is closed`, { stage: state.stage });
        }
      }
      throw mapError(error, campaignId);
    }
  }

  /**
   * Asks the campaign to admit a nomination (window, year, planned award,
   * quota). Idempotent per nomination: asking again for one already in
   * answers without a change.
   */
  admit(user: AuthenticatedUser, campaignId: string, entry: NominationEntry): Promise<CampaignActionResult> {
    return this.act(campaignId, admitNominationUpdate, { actor: actorOf(user), entry }, `Admit:${entry.nominationId}`);
  }

  release(user: AuthenticatedUser, campaignId: string, nominationId: string, reason: string) {
    return this.act(
      campaignId,
      releaseNominationUpdate,
      { actor: actorOf(user), nominationId, reason },
      `Release:${nominationId}:${randomUUID()}`,
    );
  }

  /** The campaign as its stream tells it; undefined when there is none. */
  async read(campaignId: string): Promise<CampaignState | undefined> {
    if (!CAMPAIGN_ID.test(campaignId)) return undefined;
    let state = initialCampaignState;
    try {
      for await (const e of this.stores.events.readStream(campaignStreamName(campaignId))) {
        state = evolveCampaign(state, { type: e.type, data: e.data } as unknown as CampaignEvent);
      }
    } catch (error) {
      throw storeUnavailable(error);
    }
    return state.stage === 'Initial' ? undefined : state;
  }

  async get(campaignId: string): Promise<CampaignState> {
    const state = await this.read(campaignId);
    if (!state) throw campaignNotFound(campaignId);
    return state;
  }

  /** Every campaign of a province (all, for a province-less admin), newest intake first. */
  async list(province: string | undefined): Promise<CampaignState[]> {
    const states = new Map<string, CampaignState>();
    try {
      for await (const e of this.stores.events.readAll({ streamPrefixes: ['campaign-'] })) {
        const before = states.get(e.streamName) ?? initialCampaignState;
        states.set(e.streamName, evolveCampaign(before, { type: e.type, data: e.data } as unknown as CampaignEvent));
      }
    } catch (error) {
      throw storeUnavailable(error);
    }
    return [...states.values()]
      .filter((s) => s.definition && (province === undefined || s.definition.province === province))
      .sort((a, b) => parseInstant(b.definition!.intakeOpensAt) - parseInstant(a.definition!.intakeOpensAt));
  }

  view(state: CampaignState): CampaignView {
    const d = state.definition!;
    const now = this.clock().getTime();
    const takingNominations =
      state.stage === 'Open' && now >= parseInstant(d.intakeOpensAt) && now <= parseInstant(d.intakeClosesAt);
    return {
      campaignId: d.campaignId,
      province: d.province,
      title: d.title,
      kind: d.kind,
      fromYear: d.fromYear,
      toYear: d.toYear,
      criteria: [...d.criteria],
      plannedAwards: quotaUsage(state),
      intakeOpensAt: d.intakeOpensAt,
      intakeClosesAt: d.intakeClosesAt,
      stage: state.stage as CampaignView['stage'],
      takingNominations,
      admittedCount: Object.keys(state.admitted).length,
      version: state.version,
      ...(state.openedAt ? { openedAt: state.openedAt } : {}),
      ...(state.intakeClosedAt ? { intakeClosedAt: state.intakeClosedAt } : {}),
      ...(state.closedAt ? { closedAt: state.closedAt } : {}),
    };
  }
}

function isNotRunning(error: unknown): boolean {
  return error instanceof Error && /workflow execution already completed|not running/i.test(error.message);
}

function storeUnavailable(error: unknown): ApiError {
  return new ApiError(503, ApiErrorCode.STORE_UNAVAILABLE, 'the event store is not reachable; retry later', {
    reason: error instanceof Error ? error.message : String(error),
  });
}
