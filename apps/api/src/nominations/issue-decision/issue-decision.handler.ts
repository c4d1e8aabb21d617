import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { issueDecisionUpdate, type ActionResult } from '@laurel/workflows/nomination/messages';
import { actorOf, NominationWorkflows } from '../nomination-workflows';
import { IssueDecisionCommand } from './issue-decision.command';

@CommandHandler(IssueDecisionCommand)
export class IssueDecisionHandler implements ICommandHandler<IssueDecisionCommand> {
  constructor(private readonly workflows: NominationWorkflows) {}

  execute({ user, nominationId, body, idempotencyKey }: IssueDecisionCommand): Promise<ActionResult> {
    const { outcome, decisionNumber, decisionDate, reason } = body;
    const args = {
      actor: actorOf(user),
      outcome,
      ...(decisionNumber !== undefined ? { decisionNumber } : {}),
      ...(decisionDate !== undefined ? { decisionDate } : {}),
      ...(reason !== undefined ? { reason } : {}),
    };
    return this.workflows.act(user, nominationId, 'IssueDecision', issueDecisionUpdate, args, idempotencyKey);
  }
}
