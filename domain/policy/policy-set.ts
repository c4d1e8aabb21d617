import type { AwardType, EvidenceKind, NomineeKind, PolicyRef } from '../nomination/values';
import type { EligibilityRule } from './eligibility';

/**
 * A deadline or lead time. `duration` exists so tests and demos can run a stage
 * in seconds; real provinces count working days.
 */
export type DeadlineSpec =
  { readonly kind: 'workingDays'; readonly days: number } | { readonly kind: 'duration'; readonly ms: number };

export interface WorkingCalendar {
  /** Fixed UTC offset, e.g. '+07:00'. Asia/Ho_Chi_Minh has had no DST since 1975, so an offset is exact. */
  readonly timeZoneOffset: string;
  /** Weekdays off (YYYY-MM-DD, local), including compensatory and swapped days. */
  readonly holidays: readonly string[];
  /** Saturdays or Sundays worked to make up for a swapped weekday (YYYY-MM-DD, local). */
  readonly makeUpWorkingDays: readonly string[];
}

/** Who made an award: the law (national awards), a province, or a block's Party committee (Đảng ủy Khối). */
export type AwardDefiner =
  | { readonly kind: 'national'; readonly body: string }
  | { readonly kind: 'province'; readonly province: string; readonly body: string }
  | { readonly kind: 'block'; readonly blockId: string; readonly body: string };

export interface AwardName {
  readonly vi: string;
  readonly en: string;
}

export interface AwardRule {
  /** The award's own names; national awards take theirs from NATIONAL_AWARD_NAMES when left out. */
  readonly name?: AwardName;
  /** Left out for the national awards; a local award names its province or block and the defining body. */
  readonly definedBy?: AwardDefiner;
  readonly nomineeKinds: readonly NomineeKind[];
  /** Only the chairman's awards run through the provincial workflow; the others are record only. */
  readonly decidedBy: 'chairman' | 'unit_head';
  readonly requiredEvidence: readonly EvidenceKind[];
  readonly eligibility: EligibilityRule;
  readonly legalBasis: string;
}

export interface BlockVotePolicy {
  /** Share of eligible units that must vote for the result to count. */
  readonly quorumRatio: number;
  /** Share of the denominator that must approve. */
  readonly approvalRatio: number;
  readonly denominator: 'eligible' | 'cast';
  /** Whether an abstention counts towards the quorum and a 'cast' denominator. */
  readonly abstentionCountsAsCast: boolean;
  /** The application enforces it with `leadingUnitKey`; the decider cannot see other nominations. */
  readonly oneLeadingUnitPerBlockForFlag: boolean;
}

export interface CouncilAwardOverride {
  readonly approvalRatio?: number;
  readonly secretBallot?: boolean;
}

export interface CouncilPolicy {
  /** Share of the non-recused members that must approve. */
  readonly approvalRatio: number;
  readonly secretBallot: boolean;
  readonly perAward: Partial<Record<AwardType, CouncilAwardOverride>>;
}

export interface SupplementPolicy {
  readonly maxRequests: number;
}

export interface DeadlinePolicy {
  readonly blockVote: DeadlineSpec;
  readonly supplement: DeadlineSpec;
  readonly councilReview: DeadlineSpec;
  readonly decision: DeadlineSpec;
  /** How long before each deadline the reminder fires. */
  readonly reminderBefore: DeadlineSpec;
}

export interface PolicySet {
  /** The rule-set line, e.g. 'lao-cai'; with `version` it names exactly what a vote was judged under. */
  readonly id: string;
  readonly version: number;
  /** Province slug, or 'default' for the national fallback. */
  readonly province: string;
  /** First local day (YYYY-MM-DD) on which this version applies. */
  readonly effectiveFrom: string;
  readonly legalBasis: readonly string[];
  /**
   * The national awards and the local ones (codes `local/…`). A local award is
   * added by a new version of its province's rule set, not versioned on its own:
   * every event records one PolicyRef, and that pair must name exactly the rules
   * a nomination was judged under — the award's conditions included. A new
   * version with a later `effectiveFrom` keeps older nominations' rules intact.
   */
  readonly awards: Partial<Record<AwardType, AwardRule>>;
  /**
   * "Registered for this title this year": when true, a nominee may be submitted
   * only if its unit registered it for this award in the campaign year
   * (TitlesRegistered, domain/registration). Off when left out.
   */
  readonly registrationRequired?: boolean;
  readonly blockVote: BlockVotePolicy;
  readonly council: CouncilPolicy;
  readonly supplement: SupplementPolicy;
  readonly deadlines: DeadlinePolicy;
  readonly calendar: WorkingCalendar;
}

export interface PolicyRegistry {
  readonly policies: readonly PolicySet[];
}

export function policyRef(policy: PolicySet): PolicyRef {
  return { id: policy.id, version: policy.version };
}

/** The council threshold and ballot form for one award, after per-award overrides. */
export function councilRulesFor(
  policy: PolicySet,
  awardType: AwardType,
): { approvalRatio: number; secretBallot: boolean } {
  const override = policy.council.perAward[awardType] ?? {};
  return {
    approvalRatio: override.approvalRatio ?? policy.council.approvalRatio,
    secretBallot: override.secretBallot ?? policy.council.secretBallot,
  };
}
