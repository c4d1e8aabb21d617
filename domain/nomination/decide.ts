import { isIsoInstant, parseInstant } from '../policy/calendar';
import type { TimedStage } from '../policy/deadlines';
import type { PolicySet } from '../policy/policy-set';
import { ACTS, authorizeRole, STAGE_FAMILIES } from '../policy/acts';
import type { DraftNomination, NominationCommand } from './commands';
import type { ActiveState, NominationState, Stage } from './state';
import { InputChecker } from './validation';
import { fail, invalid, wrongStage, policyFits, type Decision } from './stages/common';
import { draft, editDraft, submit, withdraw } from './stages/proposal';
import { castBlockVote, leaderClosesBlockVote } from './stages/block-vote';
import {
  recordCouncilOpinion,
  boardClosesCouncilReview,
  requestSupplement,
  provideSupplement,
} from './stages/council-review';
import { issueDecision, revokeAward } from './stages/decision';
import { recordDocument } from './stages/documents';
import { placeOnHold, releaseHold } from './stages/holds';
import { reachDeadline, sendReminder } from './stages/timers';

/**
 * The nomination's decider: what a command does to a nomination, or the rule
 * it breaks. The checks every command shares — actor, instant, role, stage
 * and separation of duties, all from the table of who acts where
 * (domain/policy/acts.ts) — are made here; each stage's own rules are in
 * domain/nomination/stages/, one handler per command.
 */
export type { Decision } from './stages/common';

/** Separation of duties: nobody acts at two stage families of one nomination (domain/policy/acts.ts). */
function separationOfDuties(state: ActiveState, command: NominationCommand): Decision | undefined {
  const family = ACTS[command.type].family;
  if (family === undefined) return undefined;
  const other = STAGE_FAMILIES.find((f) => f !== family && state.participants[f].includes(command.actor.userId));
  if (other === undefined) return undefined;
  return fail('SEPARATION_OF_DUTIES', `this user already acted at the ${other} stage of this nomination`, {
    userId: command.actor.userId,
    actedIn: other,
    attempted: family,
  });
}

/**
 * A command's own refusals (own-unit vote, recusal, bad input) are more
 * specific than a separation-of-duties breach, so they are reported first.
 */
function afterDuties(duties: Decision | undefined, decision: Decision): Decision {
  return decision.ok && duties ? duties : decision;
}

/** Checks that hold for every command on an existing nomination. */
function commonChecks(state: ActiveState, command: NominationCommand, policy: PolicySet): Decision | undefined {
  const check = new InputChecker();
  check.text('actor.userId', command.actor?.userId, 200);
  check.instant('at', command.at);
  if (command.nominationId !== state.nomination.nominationId) {
    check.fail('nominationId', `does not match this nomination (${state.nomination.nominationId})`);
  }
  return invalid(check) ?? policyFits(policy, state.nomination.province);
}

/**
 * Decides what a command does to a nomination: the new events, or the rule it
 * breaks. Pure: the same state, command and policy always give the same answer.
 */
export function decide(state: NominationState, received: NominationCommand, policy: PolicySet): Decision {
  if (typeof received.actor !== 'object' || received.actor === null || typeof received.actor.userId !== 'string') {
    return fail('INVALID_COMMAND', 'actor is required', { problems: [{ field: 'actor', message: 'is required' }] });
  }
  if (typeof received.at !== 'string' || !isIsoInstant(received.at)) {
    return fail('INVALID_COMMAND', 'at must be an ISO-8601 instant with a zone', {
      problems: [{ field: 'at', message: 'must be an ISO-8601 instant with a zone' }],
    });
  }
  // One spelling of each instant in the events (UTC, milliseconds), whatever zone the caller wrote.
  const command: NominationCommand = { ...received, at: new Date(parseInstant(received.at)).toISOString() };
  if (!authorizeRole(command.actor.role, command.type)) {
    return fail('ROLE_NOT_ALLOWED', `the role ${command.actor.role} may not ${command.type}`, {
      role: command.actor.role,
      command: command.type,
    });
  }
  if (state.stage === 'Initial') {
    if (command.type !== 'DraftNomination') {
      return fail('NOT_FOUND', `nomination ${command.nominationId} does not exist`, {
        nominationId: command.nominationId,
      });
    }
    return draft(command, policy);
  }
  if (command.type === 'DraftNomination') {
    return fail('ALREADY_EXISTS', `nomination ${command.nominationId} already exists`, {
      nominationId: command.nominationId,
    });
  }
  const common = commonChecks(state, command, policy);
  if (common) return common;
  const duties = separationOfDuties(state, command);

  const stage = stageRefusal(state, command);
  if (stage) return stage;
  return afterDuties(duties, dispatch(state, command, policy));
}

/**
 * The command's stage guard, from the table of who acts where. A timer's
 * command names its own stage, so a timer that outlived its stage is told so.
 */
function stageRefusal(state: ActiveState, command: NominationCommand): Decision | undefined {
  const { stages } = ACTS[command.type];
  if (command.type === 'ReachDeadline' || command.type === 'SendReminder') {
    if (stages.includes(state.stage) && state.stage === command.stage) return undefined;
    return fail('WRONG_STAGE', `the ${command.stage} timer no longer applies: the nomination is ${state.stage}`, {
      stage: state.stage,
      timerStage: command.stage,
    });
  }
  return stages.includes(state.stage) ? undefined : wrongStage(state, command, stages);
}

type CommandOf<K extends NominationCommand['type']> = Extract<NominationCommand, { type: K }>;
type StateAt<S extends Stage> = Extract<NominationState, { stage: S }>;
type Handler<K extends NominationCommand['type']> = (
  state: ActiveState,
  command: CommandOf<K>,
  policy: PolicySet,
) => Decision;

/**
 * A handler for commands whose table row allows only the stages `S`: the
 * dispatcher runs it after `stageRefusal`, so the state is in one of them.
 */
function inStages<S extends Stage, K extends NominationCommand['type']>(
  handler: (state: StateAt<S>, command: CommandOf<K>, policy: PolicySet) => Decision,
): Handler<K> {
  return (state, command, policy) => handler(state as StateAt<S>, command, policy);
}

/** One handler per command on an existing nomination; the mapped type makes the list exhaustive. */
const HANDLERS: { readonly [K in Exclude<NominationCommand['type'], 'DraftNomination'>]: Handler<K> } = {
  EditDraft: inStages<'Draft', 'EditDraft'>(editDraft),
  SubmitNomination: inStages<'Draft', 'SubmitNomination'>(submit),
  WithdrawNomination: (state, command) => withdraw(state, command),
  CastBlockVote: inStages<'BlockVote', 'CastBlockVote'>(castBlockVote),
  CloseBlockVote: inStages<'BlockVote', 'CloseBlockVote'>(leaderClosesBlockVote),
  RecordCouncilOpinion: inStages<'CouncilReview', 'RecordCouncilOpinion'>(recordCouncilOpinion),
  CloseCouncilReview: inStages<'CouncilReview', 'CloseCouncilReview'>(boardClosesCouncilReview),
  RequestSupplement: inStages<'CouncilReview', 'RequestSupplement'>(requestSupplement),
  ProvideSupplement: inStages<'AwaitingSupplement', 'ProvideSupplement'>(provideSupplement),
  IssueDecision: (_state, command, policy) => issueDecision(command, policy),
  PlaceOnHold: inStages<TimedStage, 'PlaceOnHold'>((state, command) => placeOnHold(state, command)),
  ReleaseHold: inStages<'OnHold', 'ReleaseHold'>(releaseHold),
  RevokeAward: inStages<'Closed', 'RevokeAward'>((state, command) => revokeAward(state, command)),
  RecordDocument: (state, command) => recordDocument(state, command),
  ReachDeadline: reachDeadline,
  SendReminder: (state, command) => sendReminder(state, command),
};

function dispatch(
  state: ActiveState,
  command: Exclude<NominationCommand, DraftNomination>,
  policy: PolicySet,
): Decision {
  const handler = HANDLERS[command.type] as Handler<typeof command.type> | undefined;
  if (!handler) return fail('INVALID_COMMAND', `unknown command ${(command as { type?: unknown }).type}`);
  return handler(state, command, policy);
}
