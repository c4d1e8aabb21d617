// The block vote: member units vote, the leader closes, the tally opens the council review (stage 2).
import { stageDeadlines } from '../../policy/deadlines';
import { councilRulesFor, policyRef, type PolicySet } from '../../policy/policy-set';
import { inScope } from '../../policy/acts';
import { tallyBlockVote } from '../../policy/voting';
import type { CastBlockVote, CloseBlockVote, NominationCommand } from '../commands';
import type { BlockVoteClosedBy, NominationEvent } from '../events';
import type { BlockVoteState } from '../state';
import { InputChecker } from '../validation';
import { ok, fail, invalid, actorRef, wrongStage, afterDeadline, clockOf, type Decision } from './common';

export function closeBlockVote(
  state: BlockVoteState,
  policy: PolicySet,
  command: NominationCommand,
  closedBy: BlockVoteClosedBy,
  extraChoices: readonly ('approve' | 'reject' | 'abstain')[] = [],
): NominationEvent[] {
  const choices = [...state.blockVote.votes.map((v) => v.choice), ...extraChoices];
  const tally = tallyBlockVote(choices, state.blockVote.eligibleVoterUnitIds.length, policy.blockVote);
  const by = actorRef(command.actor);
  const session =
    command.type === 'CloseBlockVote' && command.sessionId !== undefined
      ? {
          sessionId: command.sessionId,
          ...(command.acclamation !== undefined ? { acclamation: { ...command.acclamation } } : {}),
        }
      : {};
  const closed: NominationEvent = {
    type: 'BlockVoteClosed',
    data: { tally, closedBy, policy: policyRef(policy), ...session, at: command.at, by },
  };
  const refusedAcclamation = command.type === 'CloseBlockVote' && command.acclamation?.acclaimed === false;
  if (!tally.passed || refusedAcclamation) return [closed];
  const recusedMemberIds = [...state.submission.recusedCouncilMemberIds];
  const rules = councilRulesFor(policy, state.nomination.awardType);
  return [
    closed,
    {
      type: 'CouncilReviewOpened',
      data: {
        memberCount: state.submission.councilMemberCount,
        recusedMemberIds,
        eligibleMemberCount: state.submission.councilMemberCount - recusedMemberIds.length,
        approvalRatio: rules.approvalRatio,
        secretBallot: rules.secretBallot,
        policy: policyRef(policy),
        ...clockOf(stageDeadlines(policy, 'CouncilReview', command.at)),
        at: command.at,
        by,
      },
    },
  ];
}

export function castBlockVote(state: BlockVoteState, command: CastBlockVote, policy: PolicySet): Decision {
  const { actor } = command;
  if (state.blockVote.tally) return wrongStage(state, command, ['BlockVote']);
  if (actor.unitId === undefined) return fail('OUT_OF_SCOPE', 'a block vote is cast for a unit; the actor has none');
  // The unit's own membership is checked against the voters named at submission; a block id, when given, must fit.
  if (actor.blockId !== undefined && !inScope('block', state.nomination, actor)) {
    return fail('OUT_OF_SCOPE', 'the actor belongs to another emulation block', {
      blockId: state.nomination.blockId,
      actorBlockId: actor.blockId,
    });
  }
  if (actor.unitId === state.nomination.proposingUnitId) {
    return fail('OWN_UNIT_VOTE', "a unit does not vote on its own unit's nomination");
  }
  if (!state.blockVote.eligibleVoterUnitIds.includes(actor.unitId)) {
    return fail('NOT_ELIGIBLE_VOTER', `unit ${actor.unitId} is not a voting member of this block vote`, {
      unitId: actor.unitId,
    });
  }
  if (state.blockVote.votes.some((v) => v.unitId === actor.unitId)) {
    return fail('ALREADY_VOTED', `unit ${actor.unitId} has already voted`, { unitId: actor.unitId });
  }
  const check = new InputChecker();
  const choice = check.oneOf('choice', command.choice, ['approve', 'reject', 'abstain']);
  const comment = check.optionalText('comment', command.comment);
  const bad = invalid(check);
  if (bad) return bad;
  const late = afterDeadline(state, command.at, 'the block vote');
  if (late) return late;

  const cast: NominationEvent = {
    type: 'BlockVoteCast',
    data: {
      unitId: actor.unitId,
      choice,
      ...(comment !== undefined ? { comment } : {}),
      ...(command.sessionId !== undefined ? { sessionId: command.sessionId } : {}),
      policy: policyRef(policy),
      at: command.at,
      by: actorRef(actor),
    },
  };
  const allVoted = state.blockVote.votes.length + 1 === state.blockVote.eligibleVoterUnitIds.length;
  // A session's votes wait for the session's close, where the flag's limit is applied.
  if (!allVoted || command.sessionId !== undefined) return ok(cast);
  return ok(cast, ...closeBlockVote(state, policy, command, 'all_voted', [choice]));
}

export function leaderClosesBlockVote(state: BlockVoteState, command: CloseBlockVote, policy: PolicySet): Decision {
  if (state.blockVote.tally) return wrongStage(state, command, ['BlockVote']);
  if (!inScope('block', state.nomination, command.actor)) {
    return fail('OUT_OF_SCOPE', "only this block's leader may close its vote", {
      blockId: state.nomination.blockId,
      actorBlockId: command.actor.blockId ?? null,
    });
  }
  return ok(...closeBlockVote(state, policy, command, 'leader'));
}
