import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import {
  decideDecisionList,
  initialDecisionListState,
  localDate,
  resolvePolicy,
  type PolicyRegistry,
} from '@laurel/domain';
import type { decisionListWorkflow } from '@laurel/workflows/session/decision-list.workflow';
import {
  decisionListQuery,
  decisionListWorkflowId,
  sessionTaskQueue,
  type DecisionListView,
} from '@laurel/workflows/session/messages';
import type { ApiOptions } from '../api-options';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiError } from '../common/api-error';
import { apiErrorFromTemporal } from '../common/temporal-errors';
import { apiErrorFromDomain } from '../nominations/domain-errors';
import { actorOf, NominationWorkflows } from '../nominations/nomination-workflows';
import { API_OPTIONS, CLOCK, POLICIES, TEMPORAL_CLIENT } from '../tokens';
import type { DecisionListBody, IssueDecisionListRequest } from './decision-list-schemas';

const LIST_ID = /^[A-Za-z0-9_.:@-]{1,180}$/;

function listNotFound(id: string): ApiError {
  return new ApiError(404, 'NOT_FOUND', `decision list ${id} does not exist`, { decisionListId: id });
}

/** The Chairman's decision over a list: judged here against the nominations, carried out by its workflow. */
@Injectable()
export class DecisionLists {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(API_OPTIONS) private readonly options: ApiOptions,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    @Inject(CLOCK) private readonly clock: () => Date,
    private readonly nominations: NominationWorkflows,
  ) {}

  private withDeadline<T>(ms: number, fn: () => Promise<T>): Promise<T> {
    return this.client.connection.withDeadline(Date.now() + ms, fn);
  }

  async issue(
    user: AuthenticatedUser,
    body: IssueDecisionListRequest,
    idempotencyKey?: string,
  ): Promise<DecisionListBody> {
    if (user.role !== 'chairman' || user.province === undefined) {
      throw new ApiError(403, 'ROLE_NOT_ALLOWED', 'only the Chairman issues a decision', { role: user.role });
    }
    const province = user.province;
    const at = this.clock().toISOString();
    const policy = resolvePolicy(this.policies, province, at);
    const today = localDate(at, policy.calendar);
    const decisionListId =
      body.decisionListId ?? idempotencyKey ?? `${province}-${body.decisionNumber}`.replace(/[^A-Za-z0-9_.:@-]/g, '-');
    if (!LIST_ID.test(decisionListId)) throw new ApiError(400, 'INVALID_BODY', 'decisionListId is not a valid id', {});

    const existing = await this.view(decisionListId).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    });
    // A retried issue (same id) answers with the decision it issued.
    if (existing) return this.get(user, decisionListId);

    const listed = [
      ...(body.items ?? []),
      ...(body.approved ?? []).map((nominationId) => ({ nominationId, outcome: 'approved' as const })),
    ];
    const states = await this.nominations.storedStates(listed.map((item) => item.nominationId));
    const problems = states.flatMap((s) => {
      const n = s.nomination;
      if (n.province !== province) return [{ nominationId: n.nominationId, problem: `belongs to ${n.province}` }];
      if (s.stage !== 'ProvincialDecision') {
        return [{ nominationId: n.nominationId, problem: `is at stage ${s.stage}: it has not passed council` }];
      }
      return [];
    });
    if (problems.length > 0) {
      throw new ApiError(409, 'WRONG_STAGE', 'some nominations cannot be decided now', { problems });
    }
    const byId = new Map(states.map((s) => [s.nomination.nominationId, s]));
    const issue = {
      decisionListId,
      province,
      decisionNumber: body.decisionNumber,
      decisionDate: body.decisionDate ?? today,
      today,
      items: listed.map((item) => ({
        ...item,
        nomineeName: byId.get(item.nominationId)?.nomination.nominee.name ?? '',
        awardType: byId.get(item.nominationId)?.nomination.awardType ?? '',
      })),
      actor: actorOf(user),
      at,
    };
    const judged = decideDecisionList(initialDecisionListState, { type: 'IssueDecisionList', ...issue });
    if (!judged.ok) throw apiErrorFromDomain(judged.error);
    try {
      await this.withDeadline(this.options.actionTimeoutMs, () =>
        this.client.workflow.start<typeof decisionListWorkflow>('decisionListWorkflow', {
          workflowId: decisionListWorkflowId(decisionListId),
          taskQueue: sessionTaskQueue(this.options.taskQueue),
          args: [{ issue }],
          workflowIdConflictPolicy: 'FAIL',
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
        throw apiErrorFromTemporal(error, decisionListId) ?? error;
      }
    }
    const until = Date.now() + this.options.actionTimeoutMs;
    for (;;) {
      const view = await this.view(decisionListId);
      if (view.state.stage === 'Issued') return toBody(view);
      if (Date.now() > until) {
        throw new ApiError(503, 'STORE_UNAVAILABLE', 'the decision was started but is not stored yet; retry', {
          decisionListId,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async view(id: string): Promise<DecisionListView> {
    if (!LIST_ID.test(id)) throw listNotFound(id);
    try {
      return await this.withDeadline(this.options.queryTimeoutMs, () =>
        this.client.workflow.getHandle(decisionListWorkflowId(id)).query(decisionListQuery),
      );
    } catch (error) {
      const mapped = apiErrorFromTemporal(error, id);
      if (mapped?.status === 404) throw listNotFound(id);
      throw mapped ?? error;
    }
  }

  /** The decisions of the caller's province, newest first (at most 200). */
  async list(user: AuthenticatedUser): Promise<DecisionListBody[]> {
    const found: DecisionListBody[] = [];
    try {
      await this.withDeadline(this.options.queryTimeoutMs * 4, async () => {
        for await (const execution of this.client.workflow.list({ query: "WorkflowType = 'decisionListWorkflow'" })) {
          const id = execution.workflowId.replace(/^decision-list-/, '');
          const view = await this.view(id).catch(() => undefined);
          if (!view || view.state.stage !== 'Issued') continue;
          if (user.province !== undefined && user.province !== view.state.list.province) continue;
          found.push(toBody(view));
          if (found.length >= 200) break;
        }
      });
    } catch (error) {
      throw apiErrorFromTemporal(error, 'decision-lists') ?? error;
    }
    return found.sort((a, b) => b.at.localeCompare(a.at));
  }

  async get(user: AuthenticatedUser, id: string): Promise<DecisionListBody> {
    const view = await this.view(id);
    if (view.state.stage !== 'Issued') throw listNotFound(id);
    if (user.province !== undefined && user.province !== view.state.list.province) throw listNotFound(id);
    return toBody(view);
  }
}

function toBody(view: DecisionListView): DecisionListBody {
  if (view.state.stage !== 'Issued') throw listNotFound(view.decisionListId);
  const { list } = view.state;
  const progress = new Map(view.items.map((i) => [i.nominationId, i]));
  return {
    decisionListId: list.decisionListId,
    province: list.province,
    decisionNumber: list.decisionNumber,
    decisionDate: list.decisionDate,
    signedBy: list.by.userId,
    at: list.at,
    items: list.items.map((item) => {
      const p = progress.get(item.nominationId);
      return {
        nominationId: item.nominationId,
        outcome: item.outcome,
        ...(item.reason !== undefined ? { reason: item.reason } : {}),
        ...(item.nomineeName !== undefined ? { nomineeName: item.nomineeName } : {}),
        ...(item.awardType !== undefined ? { awardType: item.awardType } : {}),
        status: p?.status ?? 'pending',
        ...(p?.error ? { error: p.error } : {}),
        ...(p?.stage ? { stage: p.stage } : {}),
        ...(p?.outcome ? { result: p.outcome } : {}),
      };
    }),
    progress: { ...view.progress },
    version: view.version,
  };
}
