import type {
  CastBlockVote,
  DraftNomination,
  IssueDecision,
  NominationCommand,
  RecordCouncilOpinion,
  SubmitNomination,
} from '../nomination/commands';
import type {
  Actor,
  BlockVoteChoice,
  CouncilRecommendation,
  Evidence,
  EvidenceKind,
  NomineeRecord,
} from '../nomination/values';
import { defaultPolicies, resolvePolicy } from '../policy/registry';

/**
 * Demo data after the Ninh Thuận provincial Party agencies block: the Party
 * Committee Office proposes; six other member units vote; a ten-member council.
 */
export const NOMINATION_ID = 'nom-2024-0001';
export const PROVINCE = 'lao-cai';
export const BLOCK = 'block-party-agencies';
export const PROPOSING_UNIT = 'unit-party-office';
export const VOTER_UNITS = [
  'unit-propaganda',
  'unit-inspection',
  'unit-organisation',
  'unit-mass-mobilisation',
  'unit-newspaper',
  'unit-youth',
];
export const COUNCIL_SIZE = 10;

/** Monday 2 December 2024, 09:00 in Vietnam. */
export const T0 = '2024-12-02T09:00:00+07:00';

export const policy = resolvePolicy(defaultPolicies, PROVINCE, '2024-12-02');

/** `T0` plus hours, as an ISO instant. */
export function at(hours: number): string {
  return new Date(Date.parse(T0) + hours * 3_600_000).toISOString();
}

export const actors = {
  officer: { userId: 'u-officer', role: 'unit_officer', unitId: PROPOSING_UNIT, blockId: BLOCK },
  head: { userId: 'u-head', role: 'unit_head', unitId: PROPOSING_UNIT, blockId: BLOCK },
  leader: { userId: 'u-leader', role: 'block_leader', unitId: 'unit-propaganda', blockId: BLOCK },
  board: { userId: 'u-board', role: 'board_officer' },
  chairman: { userId: 'u-chairman', role: 'chairman' },
  auditor: { userId: 'u-auditor', role: 'auditor' },
  admin: { userId: 'u-admin', role: 'admin' },
  system: { userId: 'system', role: 'system' },
} as const satisfies Record<string, Actor>;

export function voterHead(unitId: string): Actor {
  return { userId: `u-head-${unitId}`, role: 'unit_head', unitId, blockId: BLOCK };
}

export function councilMember(n: number, unitId = `unit-dept-${n}`): Actor {
  return { userId: `u-council-${n}`, role: 'council_member', unitId };
}

export function evidenceOf(kind: EvidenceKind, n = 1): Evidence {
  return {
    documentId: `doc-${kind}-${n}`,
    title: `${kind.replace(/_/g, ' ')} ${n}`,
    kind,
    sizeBytes: 1024 * n,
    sha256: (kind.length.toString(16) + n.toString(16)).padEnd(64, 'a'),
  };
}

export const baseEvidence: Evidence[] = [
  evidenceOf('proposal_letter'),
  evidenceOf('achievement_report'),
  evidenceOf('unit_council_minutes'),
];

/** Two consecutive Grassroots Emulation Fighter titles: eligible for the Certificate of Merit (Art. 74(1)(d)). */
export const meritRecord: NomineeRecord = {
  titles: [
    { year: 2023, title: 'GrassrootsEmulationFighter' },
    { year: 2024, title: 'GrassrootsEmulationFighter' },
  ],
  ratings: [
    { year: 2023, rating: 'Excellent' },
    { year: 2024, rating: 'Excellent' },
  ],
  initiatives: [],
};

export function draftCommand(overrides: Partial<DraftNomination> = {}): DraftNomination {
  return {
    type: 'DraftNomination',
    nominationId: NOMINATION_ID,
    actor: actors.officer,
    at: T0,
    nominee: { kind: 'individual', name: 'Nguyễn Thị Hương', unitId: PROPOSING_UNIT, personId: 'p-0042' },
    awardType: 'ProvincialCertificateOfMerit',
    campaignYear: 2024,
    province: PROVINCE,
    proposingUnitId: PROPOSING_UNIT,
    blockId: BLOCK,
    achievements: 'Hoàn thành xuất sắc nhiệm vụ năm 2024; chủ trì số hoá hồ sơ Đảng viên.',
    record: meritRecord,
    evidence: baseEvidence,
    ...overrides,
  };
}

export function submitCommand(overrides: Partial<SubmitNomination> = {}): SubmitNomination {
  return {
    type: 'SubmitNomination',
    nominationId: NOMINATION_ID,
    actor: actors.head,
    at: at(1),
    // The directory snapshot includes the proposing unit; the decider removes it.
    eligibleVoterUnitIds: [PROPOSING_UNIT, ...VOTER_UNITS],
    councilMemberCount: COUNCIL_SIZE,
    ...overrides,
  };
}

export function voteCommand(unitId: string, choice: BlockVoteChoice, hours = 2): CastBlockVote {
  return { type: 'CastBlockVote', nominationId: NOMINATION_ID, actor: voterHead(unitId), at: at(hours), choice };
}

/** Votes for the first `choices.length` voter units, in order. */
export function votes(choices: readonly BlockVoteChoice[], hours = 2): CastBlockVote[] {
  return choices.map((choice, i) => voteCommand(VOTER_UNITS[i]!, choice, hours));
}

export function opinionCommand(
  member: number,
  recommendation: CouncilRecommendation,
  hours = 30,
): RecordCouncilOpinion {
  return {
    type: 'RecordCouncilOpinion',
    nominationId: NOMINATION_ID,
    actor: councilMember(member),
    at: at(hours),
    recommendation,
  };
}

/** Opinions of members 1..n. */
export function opinions(choices: readonly CouncilRecommendation[], hours = 30): RecordCouncilOpinion[] {
  return choices.map((choice, i) => opinionCommand(i + 1, choice, hours));
}

export function approveCommand(hours = 60, decisionNumber = '163/QĐ-UBND'): IssueDecision {
  return {
    type: 'IssueDecision',
    nominationId: NOMINATION_ID,
    actor: actors.chairman,
    at: at(hours),
    outcome: 'approved',
    decisionNumber,
  };
}

export function repeat<T>(value: T, n: number): T[] {
  return Array.from({ length: n }, () => value);
}

/** Every command of the happy path up to the stage named. */
export function pathTo(
  stage: 'Draft' | 'BlockVote' | 'CouncilReview' | 'ProvincialDecision' | 'Awarded',
): NominationCommand[] {
  const steps: NominationCommand[] = [draftCommand()];
  if (stage === 'Draft') return steps;
  steps.push(submitCommand());
  if (stage === 'BlockVote') return steps;
  steps.push(...votes(repeat('approve', VOTER_UNITS.length)));
  if (stage === 'CouncilReview') return steps;
  steps.push(...opinions(repeat('approve', COUNCIL_SIZE)));
  if (stage === 'ProvincialDecision') return steps;
  steps.push(approveCommand());
  return steps;
}

/** Histories that leave the nomination in each stage, for table-driven tests. */
export function historyIn(
  stage:
    | 'Initial'
    | 'Draft'
    | 'BlockVote'
    | 'CouncilReview'
    | 'AwaitingSupplement'
    | 'ProvincialDecision'
    | 'OnHold'
    | 'Closed',
): NominationCommand[] {
  switch (stage) {
    case 'Initial':
      return [];
    case 'Draft':
    case 'BlockVote':
    case 'CouncilReview':
    case 'ProvincialDecision':
      return pathTo(stage);
    case 'AwaitingSupplement':
      return [
        ...pathTo('CouncilReview'),
        {
          type: 'RequestSupplement',
          nominationId: NOMINATION_ID,
          actor: actors.board,
          at: at(30),
          reason: 'Thiếu biên bản họp',
        },
      ];
    case 'OnHold':
      return [
        ...pathTo('BlockVote'),
        {
          type: 'PlaceOnHold',
          nominationId: NOMINATION_ID,
          actor: actors.board,
          at: at(2),
          reason: 'Đơn khiếu nại đang xử lý',
        },
      ];
    case 'Closed':
      return pathTo('Awarded');
  }
}
