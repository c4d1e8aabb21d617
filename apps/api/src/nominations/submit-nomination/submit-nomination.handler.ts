import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  isRecused,
  resolvePolicy,
  type ActiveState,
  type Actor,
  type PolicyRegistry,
  type PolicySet,
} from '@laurel/domain';
import type { NomineeRegistration } from '@laurel/domain/registration/registration';
import type { Directory } from '@laurel/infra/directory';
import { submitUpdate, type ActionResult, type SubmitArgs } from '@laurel/workflows/nomination/messages';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { RegistrationsService } from '../../registrations/registrations.service';
import { CLOCK, DIRECTORY, POLICIES } from '../../tokens';
import { actorOf, NominationWorkflows } from '../nomination-workflows';
import { SubmitNominationCommand } from './submit-nomination.command';

@CommandHandler(SubmitNominationCommand)
export class SubmitNominationHandler implements ICommandHandler<SubmitNominationCommand> {
  constructor(
    private readonly workflows: NominationWorkflows,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    @Inject(CLOCK) private readonly clock: () => Date,
    private readonly registrations: RegistrationsService,
  ) {}

  execute({ user, nominationId, idempotencyKey }: SubmitNominationCommand): Promise<ActionResult> {
    return this.workflows.actWith(
      user,
      nominationId,
      'SubmitNomination',
      submitUpdate,
      async (target) => this.submission(await target.state(), user),
      idempotencyKey,
    );
  }

  /**
   * The Update's arguments: who votes and reviews, from the directory, and the
   * rules in force. The workflow judges the submission and, through its
   * append, takes the achievement's key ("no double reward",
   * infra/reservations), so a submission is decided once.
   */
  private async submission(state: ActiveState, user: AuthenticatedUser): Promise<SubmitArgs> {
    // The rules in force at submission replace the drafting ones.
    const policy = resolvePolicy(this.policies, state.nomination.province, this.clock().toISOString());
    return {
      ...submissionFromDirectory(this.directory, state, actorOf(user)),
      ...(await registrationFeed(this.registrations, state, policy)),
      policy,
    };
  }
}

/**
 * The nominee's registration for the campaign year, read only when the rules
 * in force ask for it (so other provinces' submissions read nothing more);
 * the decider judges it. Read on a retry too, so a retried update carries the
 * same arguments as the first.
 */
export async function registrationFeed(
  registrations: RegistrationsService,
  state: ActiveState,
  policy: PolicySet,
): Promise<{ registration?: NomineeRegistration }> {
  if (policy.registrationRequired !== true) return {};
  const { nominee, campaignYear } = state.nomination;
  const registration = await registrations.nomineeRegistration(nominee.unitId, campaignYear, nominee);
  return { registration };
}

/** The block's members vote; the whole council counts, with members of the proposing or nominee's unit recused. */
export function submissionFromDirectory(
  directory: Directory,
  state: ActiveState,
  actor: Actor,
): Omit<SubmitArgs, 'policy'> {
  const { blockId, province } = state.nomination;
  const council = directory.councilMembers(province);
  const recusedCouncilMemberIds = council
    .filter((member) => isRecused(state.nomination, { unitId: member.unitId }))
    .map((member) => member.id);
  return {
    actor,
    eligibleVoterUnitIds: directory.unitsOfBlock(blockId).map((unit) => unit.id),
    councilMemberCount: council.length,
    recusedCouncilMemberIds,
  };
}
