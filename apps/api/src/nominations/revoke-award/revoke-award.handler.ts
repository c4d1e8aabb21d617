import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { resolvePolicy, type PolicyRegistry } from '@laurel/domain';
import { revokeAwardUpdate, type ActionResult } from '@laurel/workflows/nomination/messages';
import { CLOCK, POLICIES } from '../../tokens';
import { actorOf, NominationWorkflows } from '../nomination-workflows';
import { RevokeAwardCommand } from './revoke-award.command';

@CommandHandler(RevokeAwardCommand)
export class RevokeAwardHandler implements ICommandHandler<RevokeAwardCommand> {
  constructor(
    private readonly workflows: NominationWorkflows,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  execute({ user, nominationId, body, idempotencyKey }: RevokeAwardCommand): Promise<ActionResult> {
    const args = {
      actor: actorOf(user),
      ground: body.ground,
      details: body.details,
      ...(body.decisionNumber !== undefined ? { decisionNumber: body.decisionNumber } : {}),
    };
    return this.workflows.reopen(
      user,
      nominationId,
      'RevokeAward',
      revokeAwardUpdate,
      // The rules in force on the day of revocation, in the nomination's province.
      (state) => resolvePolicy(this.policies, state.nomination.province, this.clock().toISOString()),
      args,
      idempotencyKey,
    );
  }
}
