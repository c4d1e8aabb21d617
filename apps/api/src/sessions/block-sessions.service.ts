import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import {
  decideBlockSession,
  initialBlockSessionState,
  policyRef,
  resolvePolicy,
  type ActiveState,
  type BlockSessionItem,
  type PolicyRegistry,
} from '@laurel/domain';
import type { Directory } from '@laurel/infra/directory';
import {
  blockSessionQuery,
  blockSessionWorkflowId,
  castBallotUpdate,
  closeBlockSessionUpdate,
  sessionTaskQueue,
  type BlockSessionView,
  type SessionActionResult,
} from '@laurel/workflows/session/messages';
import type { blockSessionWorkflow } from '@laurel/workflows/session/block-session.workflow';
import type { ApiOptions } from '../api-options';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiError } from '../common/api-error';
import { apiErrorFromTemporal } from '../common/temporal-errors';
import { apiErrorFromDomain } from '../nominations/domain-errors';
import { actorOf, NominationWorkflows } from '../nominations/nomination-workflows';
import { API_OPTIONS, CLOCK, DIRECTORY, POLICIES, TEMPORAL_CLIENT } from '../tokens';
import type { BlockSessionBody, CastBallotRequest, OpenBlockSessionRequest } from './session-schemas';

const SESSION_ID = /^[A-Za-z0-9_.:@-]{1,180}$/;

function sessionNotFound(sessionId: string): ApiError {
  return new ApiError(404, 'NOT_FOUND', `block session ${sessionId} does not exist`, { sessionId });
}

/** The API's side of the block session workflow: judges the opening against the nominations, then drives the session. */
@Injectable()
export class BlockSessions {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(API_OPTIONS) private readonly options: ApiOptions,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    @Inject(CLOCK) private readonly clock: () => Date,
    private readonly nominations: NominationWorkflows,
  ) {}

  private withDeadline<T>(ms: number, fn: () => Promise<T>): Promise<T> {
    return this.client.connection.withDeadline(Date.now() + ms, fn);
  }

  async open(
    user: AuthenticatedUser,
    body: OpenBlockSessionRequest,
    idempotencyKey?: string,
  ): Promise<BlockSessionBody> {
    if (user.role !== 'block_leader' || user.blockId === undefined) {
      throw new ApiError(403, 'ROLE_NOT_ALLOWED', 'only a block leader opens a block session', { role: user.role });
    }
    const blockId = user.blockId;
    const block = this.directory.block(blockId);
    if (!block) throw new ApiError(403, 'OUT_OF_SCOPE', `block ${blockId} is not in the directory`, { blockId });
    const sessionId = body.sessionId ?? idempotencyKey ?? `${blockId}-${this.clock().getTime().toString(36)}`;
    if (!SESSION_ID.test(sessionId)) throw new ApiError(400, 'INVALID_BODY', 'sessionId is not a valid id', {});
    const states: ActiveState[] = [];
    for (const nominationId of body.nominationIds) states.push(await this.nominations.state(nominationId));
    const problems = states.flatMap((s) => {
      const n = s.nomination;
      if (n.blockId !== blockId) return [{ nominationId: n.nominationId, problem: `belongs to block ${n.blockId}` }];
      if (s.stage !== 'BlockVote')
        return [{ nominationId: n.nominationId, problem: `is at stage ${s.stage}, not BlockVote` }];
      if (s.blockVote.tally) return [{ nominationId: n.nominationId, problem: 'its block vote is already closed' }];
      return [];
    });
    if (problems.length > 0) {
      throw new ApiError(409, 'WRONG_STAGE', 'some nominations cannot go on this session agenda', { problems });
    }
    const years = new Set(states.map((s) => s.nomination.campaignYear));
    if (years.size > 1) {
      throw new ApiError(400, 'INVALID_COMMAND', 'a session votes on one campaign year', { years: [...years] });
    }
    const at = this.clock().toISOString();
    const province = block.province;
    const policy = resolvePolicy(this.policies, province, at);
    const items: BlockSessionItem[] = states.map((s) => ({
      nominationId: s.nomination.nominationId,
      proposingUnitId: s.nomination.proposingUnitId,
      awardType: s.nomination.awardType,
      nomineeName: s.nomination.nominee.name,
      eligibleVoterUnitIds: s.stage === 'BlockVote' ? [...s.blockVote.eligibleVoterUnitIds] : [],
    }));
    const open = {
      sessionId,
      province,
      blockId,
      campaignYear: states[0]?.nomination.campaignYear ?? 0,
      title: body.title,
      memberUnitIds: [...block.memberUnitIds],
      items,
      policy: policyRef(policy),
      blockVote: policy.blockVote,
      actor: actorOf(user),
      at,
    };
    const judged = decideBlockSession(initialBlockSessionState, { type: 'OpenBlockSession', ...open });
    if (!judged.ok) throw apiErrorFromDomain(judged.error);
    try {
      await this.withDeadline(this.options.actionTimeoutMs, () =>
        this.client.workflow.start<typeof blockSessionWorkflow>('blockSessionWorkflow', {
          workflowId: blockSessionWorkflowId(sessionId),
          taskQueue: sessionTaskQueue(this.options.taskQueue),
          args: [{ open, nominationTaskQueue: this.options.taskQueue }],
          workflowIdConflictPolicy: 'FAIL',
        }),
      );
    } catch (error) {
      // A retried opening (same session id) finds its session: it answers with it.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError))
        throw apiErrorFromTemporal(error, sessionId) ?? error;
    }
    // The session answers once its opening is in its stream (the workflow's first step).
    const until = Date.now() + this.options.actionTimeoutMs;
    for (;;) {
      const view = await this.view(sessionId);
      if (view.state.stage !== 'Initial' || Date.now() > until) {
        if (view.state.stage === 'Initial') {
          throw new ApiError(
            503,
            'STORE_UNAVAILABLE',
            'the session was started but its opening is not stored yet; retry',
            {
              sessionId,
            },
          );
        }
        this.assertMayRead(user, view);
        return toBody(view);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async view(sessionId: string): Promise<BlockSessionView> {
    if (!SESSION_ID.test(sessionId)) throw sessionNotFound(sessionId);
    try {
      return await this.withDeadline(this.options.queryTimeoutMs, () =>
        this.client.workflow.getHandle(blockSessionWorkflowId(sessionId)).query(blockSessionQuery),
      );
    } catch (error) {
      const mapped = apiErrorFromTemporal(error, sessionId);
      if (mapped?.status === 404) throw sessionNotFound(sessionId);
      throw mapped ?? error;
    }
  }

  /** Sessions are seen by the province's people: the block's units and leader, the Board, auditors. */
  private assertMayRead(user: AuthenticatedUser, view: BlockSessionView): void {
    if (view.state.stage === 'Initial') throw sessionNotFound(view.sessionId);
    const s = view.state.session;
    const member = user.unitId !== undefined && s.memberUnitIds.includes(user.unitId);
    const leader = user.role === 'block_leader' && user.blockId === s.blockId;
    const provincial = ['board_officer', 'council_member', 'chairman', 'auditor'].includes(user.role);
    const province = user.province === undefined || user.province === s.province;
    if (!(member || leader || (provincial && province))) throw sessionNotFound(view.sessionId);
  }

  async get(user: AuthenticatedUser, sessionId: string): Promise<BlockSessionBody> {
    const view = await this.view(sessionId);
    this.assertMayRead(user, view);
    return toBody(view);
  }

  async castBallot(user: AuthenticatedUser, sessionId: string, body: CastBallotRequest): Promise<SessionActionResult> {
    const view = await this.view(sessionId);
    this.assertMayRead(user, view);
    // A retried request (the same ballot) answers with the first result; a different one is refused.
    const digest = createHash('sha256').update(JSON.stringify(body.choices)).digest('hex').slice(0, 32);
    const updateId = `ballot:${user.unitId ?? user.userId}:${digest}`;
    return this.update(sessionId, () =>
      this.client.workflow
        .getHandle(blockSessionWorkflowId(sessionId))
        .executeUpdate(castBallotUpdate, { args: [{ actor: actorOf(user), choices: body.choices }], updateId }),
    );
  }

  async close(user: AuthenticatedUser, sessionId: string): Promise<SessionActionResult> {
    const view = await this.view(sessionId);
    this.assertMayRead(user, view);
    return this.update(sessionId, () =>
      this.client.workflow
        .getHandle(blockSessionWorkflowId(sessionId))
        .executeUpdate(closeBlockSessionUpdate, { args: [{ actor: actorOf(user) }], updateId: 'close' }),
    );
  }

  async list(user: AuthenticatedUser): Promise<BlockSessionBody[]> {
    const found: BlockSessionBody[] = [];
    try {
      await this.withDeadline(this.options.queryTimeoutMs * 4, async () => {
        for await (const execution of this.client.workflow.list({ query: "WorkflowType = 'blockSessionWorkflow'" })) {
          const sessionId = execution.workflowId.replace(/^block-session-/, '');
          const view = await this.view(sessionId).catch(() => undefined);
          if (!view) continue;
          try {
            this.assertMayRead(user, view);
            found.push(toBody(view));
          } catch {
            // not visible to this caller
          }
          if (found.length >= 200) break;
        }
      });
    } catch (error) {
      throw apiErrorFromTemporal(error, 'sessions') ?? error;
    }
    return found.sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  }

  private async update(sessionId: string, send: () => Promise<SessionActionResult>): Promise<SessionActionResult> {
    try {
      return await this.withDeadline(this.options.actionTimeoutMs, send);
    } catch (error) {
      const mapped = apiErrorFromTemporal(error, sessionId);
      if (mapped?.status === 404) throw sessionNotFound(sessionId);
      throw mapped ?? error;
    }
  }
}

export function toBody(view: BlockSessionView): BlockSessionBody {
  if (view.state.stage === 'Initial') throw sessionNotFound(view.sessionId);
  const { state } = view;
  const s = state.session;
  const progressById = new Map(view.items.map((i) => [i.nominationId, i]));
  const voted = new Set(state.ballots.map((b) => b.unitId));
  return {
    sessionId: view.sessionId,
    stage: state.stage,
    province: s.province,
    blockId: s.blockId,
    campaignYear: s.campaignYear,
    title: s.title,
    memberUnitIds: [...s.memberUnitIds],
    policy: { ...s.policy },
    openedAt: state.openedAt,
    openedBy: state.openedBy.userId,
    items: s.items.map((item) => {
      const p = progressById.get(item.nominationId);
      return {
        nominationId: item.nominationId,
        proposingUnitId: item.proposingUnitId,
        awardType: item.awardType,
        nomineeName: item.nomineeName,
        eligibleVoterUnitIds: [...item.eligibleVoterUnitIds],
        votesApplied: p?.votesApplied ?? 0,
        votesDue: p?.votesDue ?? 0,
        status: p?.status ?? 'voting',
        ...(p?.error ? { error: p.error } : {}),
        ...(p?.stage ? { stage: p.stage } : {}),
        ...(p?.outcome ? { outcome: p.outcome } : {}),
      };
    }),
    ballots: state.ballots.map((b) => ({ unitId: b.unitId, at: b.at, items: b.choices.length })),
    awaitingUnitIds: s.memberUnitIds.filter(
      (u) => !voted.has(u) && s.items.some((i) => i.eligibleVoterUnitIds.includes(u)),
    ),
    ...(state.closed
      ? {
          closed: {
            at: state.closed.at,
            ballots: state.closed.ballots,
            memberCount: state.closed.memberCount,
            quorumMet: state.closed.quorumMet,
            results: state.closed.results.map((r) => ({
              nominationId: r.nominationId,
              tally: { ...r.tally },
              passed: r.passed,
              ...(r.acclamation ? { acclamation: { ...r.acclamation } } : {}),
            })),
          },
        }
      : {}),
    progress: {
      ...view.progress,
      finished: state.stage === 'Closed' && view.items.every((i) => i.status === 'closed' || i.status === 'failed'),
    },
    version: view.version,
  };
}
