import { PolicyNotFoundError } from '../nomination/errors';
import type { NationalAwardType } from '../nomination/values';
import { isIsoDate, localDate } from './calendar';
import type { EligibilityRule } from './eligibility';
import { VIETNAM_HOLIDAYS_2024_2026, VIETNAM_MAKE_UP_WORKING_DAYS_2024_2026 } from './holidays';
import type { AwardRule, DeadlinePolicy, PolicyRegistry, PolicySet, WorkingCalendar } from './policy-set';

const LAW_06_2022 = 'Luật Thi đua, khen thưởng 06/2022/QH15';
const DECREE_98_2023 = 'Nghị định 98/2023/NĐ-CP';
const CIRCULAR_01_2024 = 'Thông tư 01/2024/TT-BNV';
const DECREE_152_2025 = 'Nghị định 152/2025/NĐ-CP';

/** Art. 22: three consecutive grassroots titles and an initiative with province-wide effect. [law] */
const provincialEmulationFighterRule: EligibilityRule = {
  kind: 'allOf',
  rules: [
    { kind: 'consecutiveTitles', title: 'GrassrootsEmulationFighter', count: 3 },
    { kind: 'initiatives', count: 1, withinYears: 3, minScope: 'province' },
  ],
};

const certificateOfMeritRule: EligibilityRule = {
  kind: 'byNomineeKind',
  // Art. 74(1)(d): two consecutive grassroots titles, or two Excellent years with two initiatives. [law]
  individual: {
    kind: 'anyOf',
    rules: [
      { kind: 'consecutiveTitles', title: 'GrassrootsEmulationFighter', count: 2 },
      {
        kind: 'allOf',
        rules: [
          { kind: 'consecutiveRatings', rating: 'Excellent', count: 2 },
          { kind: 'initiatives', count: 2, withinYears: 2, minScope: 'unit' },
        ],
      },
    ],
  },
  // No national rule found for collectives: two consecutive Excellent years. [default]
  collective: { kind: 'consecutiveRatings', rating: 'Excellent', count: 2 },
};

/** Art. 27 [law]. */
const excellentLabourCollectiveRule: EligibilityRule = {
  kind: 'allOf',
  rules: [
    { kind: 'consecutiveRatings', rating: 'Excellent', count: 1 },
    { kind: 'memberShare', stat: 'completedTasks', minRatio: 1 },
    { kind: 'memberShare', stat: 'advancedWorkers', minRatio: 0.7 },
    { kind: 'memberCount', stat: 'grassrootsFighters', min: 1 },
  ],
};

/**
 * Art. 26 [law]. The block's acclamation as leading unit [practice] is not a
 * condition the proposing unit states: it is the block session's vote, where
 * the one-leading-unit limit is applied (domain/session).
 */
const provincialEmulationFlagRule: EligibilityRule = {
  kind: 'allOf',
  rules: [
    { kind: 'flag', flag: 'exceededTargets' },
    { kind: 'flag', flag: 'exemplary' },
    { kind: 'flag', flag: 'newModels' },
    { kind: 'titleInCampaignYear', title: 'ExcellentLabourCollective' },
  ],
};

/** Form 01 proposal letter, achievement report and unit council minutes for every award. [law, Decree 98 App. I] */
const BASE_EVIDENCE = ['proposal_letter', 'achievement_report', 'unit_council_minutes'] as const;

const nationalAwards: Record<NationalAwardType, AwardRule> = {
  ProvincialEmulationFlag: {
    nomineeKinds: ['collective'], // [law]
    decidedBy: 'chairman', // [law]
    requiredEvidence: [...BASE_EVIDENCE, 'prior_decision'], // the ELC decision [practice]
    eligibility: provincialEmulationFlagRule,
    legalBasis: `${LAW_06_2022}, Điều 26`,
  },
  ProvincialEmulationFighter: {
    nomineeKinds: ['individual'], // [law]
    decidedBy: 'chairman', // [law]
    requiredEvidence: [...BASE_EVIDENCE, 'initiative_certificate'], // [law]
    eligibility: provincialEmulationFighterRule,
    legalBasis: `${LAW_06_2022}, Điều 22`,
  },
  ExcellentLabourCollective: {
    nomineeKinds: ['collective'], // [law]
    decidedBy: 'chairman', // [practice]
    requiredEvidence: [...BASE_EVIDENCE],
    eligibility: excellentLabourCollectiveRule,
    legalBasis: `${LAW_06_2022}, Điều 27`,
  },
  ProvincialCertificateOfMerit: {
    nomineeKinds: ['individual', 'collective'], // [law]
    decidedBy: 'chairman', // [law]
    requiredEvidence: [...BASE_EVIDENCE],
    eligibility: certificateOfMeritRule,
    legalBasis: `${LAW_06_2022}, Điều 74`,
  },
};

const vietnamCalendar: WorkingCalendar = {
  timeZoneOffset: '+07:00', // Asia/Ho_Chi_Minh, no DST [law]
  holidays: VIETNAM_HOLIDAYS_2024_2026,
  makeUpWorkingDays: VIETNAM_MAKE_UP_WORKING_DAYS_2024_2026,
};

/** The stage deadlines in working days, all [default]: the law leaves them to the province. */
const workingDayDeadlines: DeadlinePolicy = {
  blockVote: { kind: 'workingDays', days: 10 },
  supplement: { kind: 'workingDays', days: 10 },
  councilReview: { kind: 'workingDays', days: 20 },
  decision: { kind: 'workingDays', days: 10 },
  reminderBefore: { kind: 'workingDays', days: 2 },
};

const nationalDefault2024: PolicySet = {
  id: 'national-default',
  version: 1,
  province: 'default',
  effectiveFrom: '2024-01-01', // Law 06/2022 in force [law]
  legalBasis: [LAW_06_2022, DECREE_98_2023, CIRCULAR_01_2024],
  awards: nationalAwards,
  blockVote: {
    quorumRatio: 2 / 3, // [default]
    approvalRatio: 0.7, // [default]
    denominator: 'eligible', // [default]
    abstentionCountsAsCast: true, // an abstaining unit took part [default]
    oneLeadingUnitPerBlockForFlag: true, // [practice]
  },
  council: {
    approvalRatio: 0.7, // [practice]
    secretBallot: false, // [practice]
    perAward: {
      ProvincialEmulationFighter: { approvalRatio: 0.9, secretBallot: true }, // [practice, historical law]
    },
  },
  supplement: { maxRequests: 1 }, // [practice]
  deadlines: workingDayDeadlines,
  calendar: vietnamCalendar,
};

const nationalDefault2025: PolicySet = {
  ...nationalDefault2024,
  version: 2,
  effectiveFrom: '2025-07-01', // Decree 152/2025 in force and provinces merged [law]
  legalBasis: [LAW_06_2022, DECREE_98_2023, CIRCULAR_01_2024, DECREE_152_2025],
};

const laoCai2024: PolicySet = {
  ...nationalDefault2024,
  id: 'lao-cai',
  version: 1,
  province: 'lao-cai',
  effectiveFrom: '2024-01-01',
  legalBasis: [LAW_06_2022, DECREE_98_2023, CIRCULAR_01_2024, 'Quyết định 14/2024/QĐ-UBND tỉnh Lào Cai'],
};

/** After the merge with Yên Bái the province's blocks grew, so the block vote gets more time. */
const laoCai2025: PolicySet = {
  ...laoCai2024,
  version: 2,
  effectiveFrom: '2025-07-01', // merger and Decree 152/2025 [law]
  legalBasis: [
    LAW_06_2022,
    DECREE_98_2023,
    CIRCULAR_01_2024,
    DECREE_152_2025,
    'Quyết định 14/2024/QĐ-UBND tỉnh Lào Cai (applied to the merged province until replaced)',
  ],
  deadlines: {
    ...workingDayDeadlines,
    blockVote: { kind: 'workingDays', days: 15 }, // larger merged blocks [default]
  },
};

/**
 * Stage deadlines in seconds, for tests and demos; rules otherwise national.
 * Block vote 10 s, supplement 10 s, council review 15 s, decision 10 s,
 * reminders 3 s before each deadline.
 */
export const fastTestPolicy: PolicySet = {
  ...nationalDefault2024,
  id: 'test-fast',
  version: 1,
  province: 'test-fast',
  effectiveFrom: '2024-01-01',
  legalBasis: ['test policy: national rules with deadlines in seconds'],
  deadlines: {
    blockVote: { kind: 'duration', ms: 10_000 },
    supplement: { kind: 'duration', ms: 10_000 },
    councilReview: { kind: 'duration', ms: 15_000 },
    decision: { kind: 'duration', ms: 10_000 },
    reminderBefore: { kind: 'duration', ms: 3_000 },
  },
};

/** Ninh Thuận before its block's own award: the national rules under the province's own id. */
const ninhThuan2024: PolicySet = {
  ...nationalDefault2024,
  id: 'ninh-thuan',
  version: 1,
  province: 'ninh-thuan',
  effectiveFrom: '2024-01-01',
};

const ninhThuan2025: PolicySet = {
  ...nationalDefault2025,
  id: 'ninh-thuan',
  version: 2,
  province: 'ninh-thuan',
  effectiveFrom: '2025-07-01',
};

/** The code of the Party agencies block's own certificate (seed 004 of the issue). */
export const NT_BLOCK_EXCELLENT_YEARS_AWARD = 'local/nt-party-agencies/excellent-3-years' as const;

/**
 * A block's Party committee adds its own award [demo: the decision is invented]:
 * the committee's certificate (Giấy khen) for three years in a row of excellent
 * task completion, for the member units of its block only. It runs through the
 * same stages as the provincial awards and is judged at submission like them.
 */
const ntBlockExcellentYears: AwardRule = {
  name: {
    vi: 'Giấy khen của Đảng ủy Khối: 3 năm liền hoàn thành xuất sắc nhiệm vụ',
    en: 'Certificate of the Block Party Committee: excellent task completion 3 years in a row',
  },
  definedBy: { kind: 'block', blockId: 'nt-party-agencies', body: 'Đảng ủy Khối các cơ quan tỉnh Ninh Thuận' },
  nomineeKinds: ['individual', 'collective'],
  decidedBy: 'chairman',
  requiredEvidence: [...BASE_EVIDENCE],
  eligibility: { kind: 'consecutiveRatings', rating: 'Excellent', count: 3 },
  legalBasis: 'Quyết định số 125-QĐ/ĐUK ngày 15/12/2025 của Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh Ninh Thuận',
};

/** The block's award arrives as a new version of the province's rule set, from the year after its decision. */
const ninhThuan2026: PolicySet = {
  ...ninhThuan2025,
  version: 3,
  effectiveFrom: '2026-01-01',
  legalBasis: [...ninhThuan2025.legalBasis, ntBlockExcellentYears.legalBasis],
  awards: { ...ninhThuan2025.awards, [NT_BLOCK_EXCELLENT_YEARS_AWARD]: ntBlockExcellentYears },
};

/**
 * A test rule set that turns on "registered for this title this year" for
 * Hà Tĩnh. Not in `defaultPolicies`: a test registry adds it.
 */
export const registrationRequiredTestPolicy: PolicySet = {
  ...nationalDefault2025,
  id: 'test-registration-required',
  version: 1,
  province: 'ha-tinh',
  effectiveFrom: '2025-07-01',
  legalBasis: [...nationalDefault2025.legalBasis, 'test policy: only registered nominees may be submitted'],
  registrationRequired: true,
};

export const defaultPolicies: PolicyRegistry = {
  policies: [
    nationalDefault2024,
    nationalDefault2025,
    laoCai2024,
    laoCai2025,
    ninhThuan2024,
    ninhThuan2025,
    ninhThuan2026,
    fastTestPolicy,
  ],
};

export const NATIONAL_DEFAULT_PROVINCE = 'default';

function effectiveDay(atIsoDateOrInstant: string, policy: PolicySet): string {
  return isIsoDate(atIsoDateOrInstant) ? atIsoDateOrInstant : localDate(atIsoDateOrInstant, policy.calendar);
}

function latestInEffect(candidates: readonly PolicySet[], at: string): PolicySet | undefined {
  return candidates
    .filter((p) => p.effectiveFrom <= effectiveDay(at, p))
    .reduce<PolicySet | undefined>((best, p) => {
      if (!best) return p;
      if (p.effectiveFrom !== best.effectiveFrom) return p.effectiveFrom > best.effectiveFrom ? p : best;
      return p.version > best.version ? p : best;
    }, undefined);
}

/**
 * The rule set in effect for a province on a day (YYYY-MM-DD) or at an instant
 * (read in the policy's own time zone): the province's latest version already
 * in effect, else the national default's. Throws PolicyNotFoundError if none.
 */
export function resolvePolicy(registry: PolicyRegistry, province: string, atIsoDate: string): PolicySet {
  const slug = province.trim().toLowerCase();
  const own = latestInEffect(
    registry.policies.filter((p) => p.province === slug),
    atIsoDate,
  );
  if (own) return own;
  const national = latestInEffect(
    registry.policies.filter((p) => p.province === NATIONAL_DEFAULT_PROVINCE),
    atIsoDate,
  );
  if (national) return national;
  throw new PolicyNotFoundError(province, atIsoDate);
}

/** Finds the exact rule set a recorded event names, e.g. to re-check an old tally. */
export function findPolicy(registry: PolicyRegistry, id: string, version: number): PolicySet | undefined {
  return registry.policies.find((p) => p.id === id && p.version === version);
}
