import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import {
  decideCouncilSession,
  initialCouncilSessionState,
  policyRef,
  resolvePolicy,
  type PolicyRegistry,
} from '@laurel/domain';
import type { Directory } from '@laurel/infra/directory';
import type { councilSessionWorkflow } from '@laurel/workflows/session/council-session.workflow';
import {
  castCouncilBallotUpdate,
  closeCouncilSessionUpdate,
  councilSessionWorkflowId,
  sessionTaskQueue,
  type SessionActionResult,
} from '@laurel/workflows/session/messages';
import type { ApiOptions } from '../api-options';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ApiError } from '../common/api-error';
import { apiErrorFromTemporal } from '../common/temporal-errors';
import { apiErrorFromDomain } from '../nominations/domain-errors';
import { actorOf, NominationWorkflows } from '../nominations/nomination-workflows';
import type { ItemPage, ReadModels, SessionHeader } from '../projections/read-models';
import { API_OPTIONS, CLOCK, DIRECTORY, POLICIES, PROJECTIONS, TEMPORAL_CLIENT } from '../tokens';
import { mayReadCouncilSession } from './session-access';
import { councilSessionBody, listSessions, readHeader, sessionNotFound, settle, workflowOpened } from './session-views';
import type {
  CastCouncilBallotRequest,
  CouncilSessionBody,
  OpenCouncilSessionRequest,
} from './council-session-schemas';

/** The API's side of the council session workflow. */
@Injectable()
export class CouncilSessions {
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

  async open(user: AuthenticatedUser, body: OpenCouncilSessionRequest, key?: string): Promise<CouncilSessionBody> {
    if (user.role !== 'board_officer' || user.province === undefined) {
      throw new ApiError(403, 'ROLE_NOT_ALLOWED', 'the Board prepares the council session', { role: user.role });
    }
    const province = user.province;
    const sessionId = body.sessionId ?? key ?? `${province}-council-${this.clock().getTime().toString(36)}`;
    const states = await this.nominations.storedStates(body.nominationIds);
    const problems = states.flatMap((s) => {
      const n = s.nomination;
      if (n.province !== province) return [{ nominationId: n.nominationId, problem: `belongs to ${n.province}` }];
      if (s.stage !== 'CouncilReview' || s.council.tally) {
        return [{ nominationId: n.nominationId, problem: `is at stage ${s.stage}, not an open council review` }];
      }
      return [];
    });
    if (problems.length > 0) {
      throw new ApiError(409, 'WRONG_STAGE', 'some nominations cannot go on this council agenda', { problems });
    }
    const at = this.clock().toISOString();
    const policy = resolvePolicy(this.policies, province, at);
    const open = {
      sessionId,
      province,
      title: body.title,
      members: this.directory
        .councilMembers(province)
        .map((m) => ({ userId: m.id, ...(m.unitId !== undefined ? { unitId: m.unitId } : {}) })),
      quorumRatio: policy.blockVote.quorumRatio,
      items: states.map((s) => ({
        nominationId: s.nomination.nominationId,
        proposingUnitId: s.nomination.proposingUnitId,
        nomineeUnitId: s.nomination.nominee.unitId,
        awardType: s.nomination.awardType,
        nomineeName: s.nomination.nominee.name,
        secretBallot: s.stage === 'CouncilReview' ? s.council.secretBallot : false,
        recusedMemberIds: s.stage === 'CouncilReview' ? [...s.council.recusedMemberIds] : [],
      })),
      policy: policyRef(policy),
      actor: actorOf(user),
      at,
    };
    const judged = decideCouncilSession(initialCouncilSessionState, { type: 'OpenCouncilSession', ...open });
    if (!judged.ok) throw apiErrorFromDomain(judged.error);
    try {
      await this.withDeadline(this.options.actionTimeoutMs, () =>
        this.client.workflow.start<typeof councilSessionWorkflow>('councilSessionWorkflow', {
          workflowId: councilSessionWorkflowId(sessionId),
          taskQueue: sessionTaskQueue(this.options.taskQueue),
          args: [{ open }],
          workflowIdConflictPolicy: 'FAIL',
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError))
        throw apiErrorFromTemporal(error, sessionId) ?? error;
    }
    const until = Date.now() + this.options.actionTimeoutMs;
    for (;;) {
      const header = await this.readModels.session('council', sessionId);
      const opened =
        header !== undefined &&
        (await workflowOpened(this.client, councilSessionWorkflowId(sessionId), this.options.queryTimeoutMs));
      if (header && opened) return this.body(this.assertMayRead(user, header), { offset: 0 });
      if (Date.now() > until) throw new ApiError(503, 'STORE_UNAVAILABLE', 'the session is not stored yet; retry', {});
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private assertMayRead(user: AuthenticatedUser, s: SessionHeader): SessionHeader {
    if (!mayReadCouncilSession(user, s)) throw sessionNotFound('council', s.sessionId);
    return s;
  }

  /** The session's header, for callers who may read it; 404 otherwise. */
  async header(user: AuthenticatedUser, sessionId: string): Promise<SessionHeader> {
    return this.assertMayRead(user, await readHeader(this.readModels, 'council', sessionId));
  }

  private async body(header: SessionHeader, page: ItemPage): Promise<CouncilSessionBody> {
    return councilSessionBody(header, await this.readModels.sessionItems(header, page), page);
  }

  async get(user: AuthenticatedUser, sessionId: string, page: ItemPage = { offset: 0 }): Promise<CouncilSessionBody> {
    return this.body(await this.header(user, sessionId), page);
  }

  async castBallot(
    user: AuthenticatedUser,
    sessionId: string,
    body: CastCouncilBallotRequest,
  ): Promise<SessionActionResult> {
    await this.header(user, sessionId);
    const choices = [
      ...(body.choices ?? []),
      ...(body.approve ?? []).map((nominationId) => ({ nominationId, recommendation: 'approve' as const })),
      ...(body.reject ?? []).map((nominationId) => ({ nominationId, recommendation: 'reject' as const })),
    ];
    const digest = createHash('sha256').update(JSON.stringify(choices)).digest('hex').slice(0, 32);
    return this.update(sessionId, () =>
      this.client.workflow.getHandle(councilSessionWorkflowId(sessionId)).executeUpdate(castCouncilBallotUpdate, {
        args: [{ actor: actorOf(user), choices }],
        updateId: `ballot:${user.userId}:${digest}`,
      }),
    );
  }

  async close(user: AuthenticatedUser, sessionId: string): Promise<SessionActionResult> {
    await this.header(user, sessionId);
    return this.update(sessionId, () =>
      this.client.workflow
        .getHandle(councilSessionWorkflowId(sessionId))
        .executeUpdate(closeCouncilSessionUpdate, { args: [{ actor: actorOf(user) }], updateId: 'close' }),
    );
  }

  /** The sessions the caller may see, newest first (at most 200). */
  list(user: AuthenticatedUser): Promise<CouncilSessionBody[]> {
    return listSessions(
      this.readModels,
      'council',
      { province: user.province, mayRead: (s) => mayReadCouncilSession(user, s) },
      councilSessionBody,
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
      if (mapped?.status === 404) throw sessionNotFound('council', sessionId);
      throw mapped ?? error;
    }
  }
}
