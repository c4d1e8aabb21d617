import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import {
  decideBlockSession,
  initialBlockSessionState,
  policyRef,
  resolvePolicy,
  type BlockSessionItem,
  type PolicyRegistry,
} from '@laurel/domain';
import type { Directory } from '@laurel/infra/directory';
import {
  blockSessionWorkflowId,
  castBallotUpdate,
  closeBlockSessionUpdate,
  sessionTaskQueue,
  type SessionActionResult,
} from '@laurel/workflows/session/messages';
import type { blockSessionWorkflow } from '@laurel/workflows/session/block-session.workflow';
import type { ApiOptions } from '../api-options';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiError } from '../common/api-error';
import { apiErrorFromTemporal } from '../common/temporal-errors';
import { apiErrorFromDomain } from '../nominations/domain-errors';
import { actorOf, NominationWorkflows } from '../nominations/nomination-workflows';
import type { ItemPage, ReadModels, SessionHeader } from '../projections/read-models';
import { API_OPTIONS, CLOCK, DIRECTORY, POLICIES, PROJECTIONS, TEMPORAL_CLIENT } from '../tokens';
import { mayReadBlockSession } from './session-access';
import { blockSessionBody, listSessions, readHeader, sessionNotFound, settle, workflowOpened } from './session-views';
import type { BlockSessionBody, CastBallotRequest, OpenBlockSessionRequest } from './session-schemas';

const SESSION_ID = /^[A-Za-z0-9_.:@-]{1,180}$/;

/** The API's side of the block session workflow: judges the opening against the nominations, then drives the session. */
@Injectable()
export class BlockSessions {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(API_OPTIONS) private readonly options: ApiOptions,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    @Inject(CLOCK) private readonly clock: () => Date,
    @Inject(PROJECTIONS) private readonly readModels: ReadModels,
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
    const states = await this.nominations.storedStates(body.nominationIds);
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
    // The session answers once the read models show its opening (the workflow's first step).
    const until = Date.now() + this.options.actionTimeoutMs;
    for (;;) {
      const header = await this.readModels.session('block', sessionId);
      const opened =
        header !== undefined &&
        (await workflowOpened(this.client, blockSessionWorkflowId(sessionId), this.options.queryTimeoutMs));
      if (header && opened) {
        this.assertMayRead(user, header);
        return this.body(header, { offset: 0 });
      }
      if (Date.now() > until) {
        throw new ApiError(
          503,
          'STORE_UNAVAILABLE',
          'the session was started but its opening is not stored yet; retry',
          {
            sessionId,
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private assertMayRead(user: AuthenticatedUser, s: SessionHeader): void {
    if (!mayReadBlockSession(user, s)) throw sessionNotFound('block', s.sessionId);
  }

  private async header(user: AuthenticatedUser, sessionId: string): Promise<SessionHeader> {
    const header = await readHeader(this.readModels, 'block', sessionId);
    this.assertMayRead(user, header);
    return header;
  }

  private async body(header: SessionHeader, page: ItemPage): Promise<BlockSessionBody> {
    return blockSessionBody(header, await this.readModels.sessionItems(header, page), page);
  }

  async get(user: AuthenticatedUser, sessionId: string, page: ItemPage = { offset: 0 }): Promise<BlockSessionBody> {
    return this.body(await this.header(user, sessionId), page);
  }

  async castBallot(user: AuthenticatedUser, sessionId: string, body: CastBallotRequest): Promise<SessionActionResult> {
    await this.header(user, sessionId);
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
    await this.header(user, sessionId);
    return this.update(sessionId, () =>
      this.client.workflow
        .getHandle(blockSessionWorkflowId(sessionId))
        .executeUpdate(closeBlockSessionUpdate, { args: [{ actor: actorOf(user) }], updateId: 'close' }),
    );
  }

  /** The sessions the caller may see, newest first (at most 200). */
  list(user: AuthenticatedUser): Promise<BlockSessionBody[]> {
    return listSessions(
      this.readModels,
      'block',
      { province: user.province, mayRead: (s) => mayReadBlockSession(user, s) },
      blockSessionBody,
    );
  }

  private async update(sessionId: string, send: () => Promise<SessionActionResult>): Promise<SessionActionResult> {
    try {
      const result = await this.withDeadline(this.options.actionTimeoutMs, send);
      // The caller's next read shows this action (a read naming `position` waits for it in any case).
      await settle(this.readModels, result.position, this.options.readYourWritesTimeoutMs);
      return result;
    } catch (error) {
      const mapped = apiErrorFromTemporal(error, sessionId);
      if (mapped?.status === 404) throw sessionNotFound('block', sessionId);
      throw mapped ?? error;
    }
  }
}
