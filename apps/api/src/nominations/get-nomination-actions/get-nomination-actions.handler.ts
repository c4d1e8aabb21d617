import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  authorizeRole,
  decide,
  findPolicy,
  resolvePolicy,
  type ActiveState,
  type Actor,
  type NominationCommand,
  type PolicyRegistry,
  type PolicySet,
} from '@laurel/domain';
import type { Directory } from '@laurel/infra/directory';
import { assertInScope, assertMayRead, roleNotAllowed } from '../../access/nomination-access';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { ApiError } from '../../common/api-error';
import { CLOCK, DIRECTORY, POLICIES } from '../../tokens';
import { apiErrorFromDomain } from '../domain-errors';
import { actorOf, NominationWorkflows, scopeOf } from '../nomination-workflows';
import { registrationFeed, submissionFromDirectory } from '../submit-nomination/submit-nomination.handler';
import { RegistrationsService } from '../../registrations/registrations.service';
import type { NomineeRegistration } from '@laurel/domain/registration/registration';
import {
  GetNominationActionsQuery,
  USER_ACTIONS,
  type ActionAvailability,
  type NominationActions,
  type UserAction,
} from './get-nomination-actions.query';

/** A placeholder document for the supplement's dry run: a fresh id, so it never collides with the dossier. */
const PROBE_EVIDENCE = {
  documentId: 'probe:availability',
  title: 'probe',
  kind: 'other',
  sizeBytes: 1,
  sha256: '0'.repeat(64),
} as const;

/**
 * Answers "may I do this now?" for every action, by the same steps an action
 * takes (role table, scope, a closed nomination's ended workflow, then the
 * decider on the current state) with well-formed placeholder input, so only
 * the rules speak. Nothing is appended; the rules are not copied here.
 */
@QueryHandler(GetNominationActionsQuery)
export class GetNominationActionsHandler implements IQueryHandler<GetNominationActionsQuery> {
  constructor(
    private readonly workflows: NominationWorkflows,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    @Inject(CLOCK) private readonly clock: () => Date,
    private readonly registrations: RegistrationsService,
  ) {}

  async execute({ user, nominationId }: GetNominationActionsQuery): Promise<NominationActions> {
    const state = await this.workflows.state(nominationId);
    assertMayRead(user, scopeOf(state));
    const at = this.clock().toISOString();
    // Submission's dry run reads the registration as submission does, when the rules ask for it.
    const registration =
      state.stage === 'Draft'
        ? await registrationFeed(this.registrations, state, resolvePolicy(this.policies, state.nomination.province, at))
        : {};
    return {
      nominationId,
      stage: state.stage,
      actions: USER_ACTIONS.map((action) => this.availability(user, state, action, at, registration)),
    };
  }

  private availability(
    user: AuthenticatedUser,
    state: ActiveState,
    action: UserAction,
    at: string,
    registration: { registration?: NomineeRegistration },
  ): ActionAvailability {
    const refused = (error: ApiError): ActionAvailability => ({
      action,
      allowed: false,
      code: error.code,
      message: error.message,
    });
    if (!authorizeRole(user.role, action)) return refused(roleNotAllowed(user, action));
    try {
      assertInScope(user, action, scopeOf(state));
    } catch (error) {
      if (error instanceof ApiError) return refused(error);
      throw error;
    }
    if (state.stage === 'Closed' && action !== 'RevokeAward') {
      return refused(new ApiError(409, 'WRONG_STAGE', `${action} is not allowed: the nomination is closed`));
    }
    const actor = actorOf(user);
    const probe = this.probe(state, action, actor, at);
    const command = probe.type === 'SubmitNomination' ? { ...probe, ...registration } : probe;
    const decision = decide(state, command, this.policyFor(state, action, at));
    return decision.ok ? { action, allowed: true } : refused(apiErrorFromDomain(decision.error));
  }

  /** The rules an action is judged under: as its handler picks them. */
  private policyFor(state: ActiveState, action: UserAction, at: string): PolicySet {
    if (action === 'SubmitNomination' || action === 'RevokeAward') {
      return resolvePolicy(this.policies, state.nomination.province, at);
    }
    const ref = ('submission' in state ? state.submission?.policy : undefined) ?? state.nomination.policy;
    return (
      findPolicy(this.policies, ref.id, ref.version) ?? resolvePolicy(this.policies, state.nomination.province, at)
    );
  }

  private probe(state: ActiveState, action: UserAction, actor: Actor, at: string): NominationCommand {
    const base = { nominationId: state.nomination.nominationId, actor, at };
    switch (action) {
      case 'EditDraft':
        return { ...base, type: action, changes: { achievements: state.nomination.achievements } };
      case 'SubmitNomination':
        return { ...base, ...submissionFromDirectory(this.directory, state, actor), type: action };
      case 'WithdrawNomination':
      case 'RequestSupplement':
      case 'PlaceOnHold':
      case 'ReleaseHold':
        return { ...base, type: action, reason: 'probe' };
      case 'CastBlockVote':
        return { ...base, type: action, choice: 'approve' };
      case 'CloseBlockVote':
      case 'CloseCouncilReview':
        return { ...base, type: action };
      case 'RecordCouncilOpinion':
        return { ...base, type: action, recommendation: 'approve' };
      case 'ProvideSupplement':
        return { ...base, type: action, evidence: [PROBE_EVIDENCE] };
      case 'IssueDecision':
        return { ...base, type: action, outcome: 'approved', decisionNumber: '1/QĐ-UBND' };
      case 'RevokeAward':
        return { ...base, type: action, ground: 'fraud', details: 'probe' };
    }
  }
}
