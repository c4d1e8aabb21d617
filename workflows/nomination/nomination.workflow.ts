import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  currentUpdateInfo,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { redactSecretBallots, type NominationCommandType, type PolicySet } from '@laurel/domain';
import {
  castVoteUpdate,
  closeBlockVoteUpdate,
  closeCouncilReviewUpdate,
  draftUpdate,
  editDraftUpdate,
  issueDecisionUpdate,
  placeOnHoldUpdate,
  provideSupplementUpdate,
  recordDocumentUpdate,
  recordCouncilOpinionUpdate,
  releaseHoldUpdate,
  requestSupplementUpdate,
  revokeAwardUpdate,
  stateQuery,
  submitUpdate,
  withdrawUpdate,
  ActionProofErrorCode,
  type ActionProof,
  type ActionResult,
  type NominationWorkflowInput,
  type NominationWorkflowResult,
  type SubmitArgs,
} from './messages';
import { NominationRun, outcomeShown } from './run-state';
import { runStageClock } from './stage-clock';

/**
 * The nomination workflow: its handler table, over the run's state
 * (run-state.ts) and its stage clock (stage-clock.ts). Every human action is an
 * update, checked by its validator against the current state and decided once
 * more only if the state moved before its handler ran.
 */

/**
 * Why an update's proof is refused, or undefined when it holds. The signature
 * itself was checked by the worker's codec (`verified`); here it is bound to
 * this workflow, this update and this update id, so a proof lifted from one
 * request cannot authorise another.
 */
function proofRefusal(args: object, update: string, updateId: string | undefined): ApplicationFailure | undefined {
  const proof = (args as { proof?: ActionProof }).proof;
  const refuse = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });
  if (proof === undefined || proof === null) {
    return refuse(ActionProofErrorCode.ACTION_NOT_SIGNED, `${update}: the action carries no proof of who asked`);
  }
  if (proof.verified !== true) {
    return refuse(ActionProofErrorCode.ACTION_SIGNATURE_INVALID, `${update}: the action's signature does not hold`);
  }
  const info = workflowInfo();
  if (proof.workflowId !== info.workflowId || proof.update !== update || proof.updateId !== updateId) {
    return refuse(
      ActionProofErrorCode.ACTION_SIGNATURE_INVALID,
      `${update}: the action's proof was made for another workflow, update or update id`,
    );
  }
  return undefined;
}

/** One row of the handler table: the update, the command it carries, and the rules it is decided under. */
interface Action<Args extends object> {
  readonly definition: UpdateDefinition<ActionResult, [Args]>;
  readonly type: NominationCommandType;
  /** The rules in force for this action; unset, the run's current ones. */
  readonly rules?: (args: Args, current: PolicySet) => PolicySet;
}

function action<Args extends object>(
  definition: UpdateDefinition<ActionResult, [Args]>,
  type: NominationCommandType,
  rules?: (args: Args, current: PolicySet) => PolicySet,
): Action<Args> {
  return { definition, type, ...(rules ? { rules } : {}) };
}

/** Every human action, in registration order. */
const ACTIONS = [
  action(draftUpdate, 'DraftNomination'),
  action(editDraftUpdate, 'EditDraft'),
  // A submission fixes the rules of its province and year for the rest of the nomination.
  action(submitUpdate, 'SubmitNomination', (args: SubmitArgs, current) => args.policy ?? current),
  action(castVoteUpdate, 'CastBlockVote'),
  action(closeBlockVoteUpdate, 'CloseBlockVote'),
  action(recordCouncilOpinionUpdate, 'RecordCouncilOpinion'),
  action(closeCouncilReviewUpdate, 'CloseCouncilReview'),
  action(requestSupplementUpdate, 'RequestSupplement'),
  action(provideSupplementUpdate, 'ProvideSupplement'),
  action(issueDecisionUpdate, 'IssueDecision'),
  action(withdrawUpdate, 'WithdrawNomination'),
  action(placeOnHoldUpdate, 'PlaceOnHold'),
  action(releaseHoldUpdate, 'ReleaseHold'),
  action(revokeAwardUpdate, 'RevokeAward'),
  action(recordDocumentUpdate, 'RecordDocument'),
] as const;

/** Registers one human action: validated against the current state, decided again only if it moved. */
function register<Args extends object>(run: NominationRun, { definition, type, rules }: Action<Args>): void {
  const rulesFor = (args: Args) => (rules ? rules(args, run.policy) : run.policy);
  setHandler(
    definition,
    (args) => {
      const proof = (args as { proof?: ActionProof }).proof;
      const exec = () =>
        run.mutex.runExclusive(() =>
          run.apply(run.command(type, args), rulesFor(args), currentUpdateInfo()?.id ?? `update:${type}`, proof),
        );
      // Only a reopened run waits; the direct call keeps every recorded history's promise chain as it was.
      return run.caughtUpFromStream ? exec() : condition(() => run.caughtUpFromStream).then(exec);
    },
    {
      validator: (args) => {
        // First, and whatever the state: an action nobody signed never reaches history.
        // Validators do not run on replay, so histories recorded before signing replay as they were.
        const updateId = currentUpdateInfo()?.id;
        const refusal = proofRefusal(args, definition.name, updateId);
        if (refusal) throw refusal;
        // A reopened run judges the action once it has read its stream, in the handler.
        if (!run.caughtUpFromStream) return;
        // Already stored by an earlier attempt of this very update: the handler answers it.
        if (run.alreadyStored.has(updateId ?? '')) return;
        run.validate(run.command(type, args), rulesFor(args), updateId ?? `update:${type}`);
      },
    },
  );
}

export async function nominationWorkflow(input: NominationWorkflowInput): Promise<NominationWorkflowResult> {
  const run = new NominationRun(input.nominationId, input.policy, input.reopenedFrom !== undefined);
  for (const row of ACTIONS) register(run, row as Action<object>);
  setHandler(stateQuery, () => redactSecretBallots(run.state));

  if (!run.caughtUpFromStream) {
    await run.mutex.runExclusive(() => run.catchUp());
    // The stream's own actions are history: neither answers owed to this run's
    // callers nor news to send again (the first run sent their notifications).
    run.alreadyStored.clear();
    run.outbox.length = 0;
    run.caughtUpFromStream = true;
  }

  await runStageClock(run);

  await condition(allHandlersFinished);
  await run.deliverNotifications();
  const { state } = run;
  if (state.stage !== 'Closed') throw new Error('unreachable: the loop ends only on a closed nomination');
  return { outcome: outcomeShown(state), version: state.version };
}
