import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { defaultPolicies, findPolicy, type PolicyRegistry } from '@laurel/domain';
import { requestSupplementUpdate, type ActionResult } from '@laurel/workflows/nomination/messages';
import { POLICIES } from '../../tokens';
import { actorOf, NominationWorkflows } from '../nomination-workflows';
import { RequestSupplementCommand } from './request-supplement.command';

@CommandHandler(RequestSupplementCommand)
export class RequestSupplementHandler implements ICommandHandler<RequestSupplementCommand> {
  constructor(
    private readonly workflows: NominationWorkflows,
    @Inject(POLICIES) private readonly policies: PolicyRegistry,
  ) {}

  execute({ user, nominationId, body, idempotencyKey }: RequestSupplementCommand): Promise<ActionResult> {
    return this.workflows.actWith(
      user,
      nominationId,
      'RequestSupplement',
      requestSupplementUpdate,
      async (target) => {
        let dueDate = body.dueDate;
        if (dueDate !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(dueDate)) {
          // A date means the end of that day where the province is.
          const ref = (await target.state()).nomination.policy;
          const policy =
            findPolicy(this.policies, ref.id, ref.version) ?? findPolicy(defaultPolicies, ref.id, ref.version);
          dueDate = `${dueDate}T23:59:59.999${policy?.calendar.timeZoneOffset ?? '+07:00'}`;
        }
        return { actor: actorOf(user), reason: body.reason, ...(dueDate !== undefined ? { dueDate } : {}) };
      },
      idempotencyKey,
    );
  }
}
