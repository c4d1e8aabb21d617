import type { BlockVoteChoice, CouncilRecommendation } from '../nomination/values';
import type { BlockVotePolicy } from './policy-set';

/** A small tolerance so that e.g. 7 of 10 meets 0.7 and 4 of 6 meets 2/3 despite floating point. */
const EPSILON = 1e-9;

export function meetsRatio(part: number, whole: number, ratio: number): boolean {
  return whole > 0 && part >= ratio * whole - EPSILON;
}

export type BlockVoteTally = {
  readonly approve: number;
  readonly reject: number;
  readonly abstain: number;
  readonly eligible: number;
  /** Votes counted as cast under the policy (abstentions only if the policy says so). */
  readonly cast: number;
  readonly quorumMet: boolean;
  readonly passed: boolean;
};

export function tallyBlockVote(
  choices: readonly BlockVoteChoice[],
  eligible: number,
  policy: BlockVotePolicy,
): BlockVoteTally {
  const approve = choices.filter((c) => c === 'approve').length;
  const reject = choices.filter((c) => c === 'reject').length;
  const abstain = choices.filter((c) => c === 'abstain').length;
  const cast = approve + reject + (policy.abstentionCountsAsCast ? abstain : 0);
  const quorumMet = meetsRatio(cast, eligible, policy.quorumRatio);
  const denominator = policy.denominator === 'eligible' ? eligible : cast;
  const passed = quorumMet && meetsRatio(approve, denominator, policy.approvalRatio);
  return { approve, reject, abstain, eligible, cast, quorumMet, passed };
}

export type CouncilTally = {
  readonly approve: number;
  readonly reject: number;
  /** Members who may vote: all members minus those recused. The threshold is a share of these. */
  readonly eligible: number;
  readonly responded: number;
  readonly approvalRatio: number;
  readonly passed: boolean;
};

export function tallyCouncil(
  recommendations: readonly CouncilRecommendation[],
  eligible: number,
  approvalRatio: number,
): CouncilTally {
  const approve = recommendations.filter((r) => r === 'approve').length;
  const reject = recommendations.length - approve;
  return {
    approve,
    reject,
    eligible,
    responded: recommendations.length,
    approvalRatio,
    passed: meetsRatio(approve, eligible, approvalRatio),
  };
}
