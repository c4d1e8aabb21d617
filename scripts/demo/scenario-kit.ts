// What a demo scenario is (its steps and expected end) and the builders the provinces' scenario files share.
import type {
  AwardType,
  BlockVoteChoice,
  CouncilRecommendation,
  NomineeKind,
  NomineeRecord,
  Outcome,
  RevocationGround,
  Stage,
} from '@laurel/domain';
import { demoDirectoryData } from '@laurel/infra/directory/demo-directory';
import type { DocumentSpec } from './dossier';

/** One action after the draft, by a demo user (the proposing unit's head where no one is named). */
export type Step =
  | { readonly kind: 'submit' }
  | { readonly kind: 'vote'; readonly by: string; readonly choice: BlockVoteChoice; readonly comment?: string }
  | { readonly kind: 'closeBlockVote'; readonly by: string }
  | {
      readonly kind: 'opinion';
      readonly by: string;
      readonly recommendation: CouncilRecommendation;
      readonly comment?: string;
    }
  /** Without `dueInWorkingDays` the due date is the policy's supplement period. */
  | {
      readonly kind: 'requestSupplement';
      readonly by: string;
      readonly reason: string;
      readonly dueInWorkingDays?: number;
    }
  | { readonly kind: 'approve'; readonly by: string; readonly decisionNumber: string }
  | { readonly kind: 'reject'; readonly by: string; readonly reason: string }
  | { readonly kind: 'withdraw'; readonly reason: string }
  | {
      readonly kind: 'revoke';
      readonly by: string;
      readonly ground: RevocationGround;
      readonly details: string;
      readonly decisionNumber?: string;
    };

export interface Expectation {
  /** Where the loader leaves it. On the demo clock the workflow moves it on within minutes. */
  readonly stage: Stage;
  readonly outcome?: Outcome;
  /** Awarded, then revoked. */
  readonly revoked?: boolean;
  /** What its timers do next, on the demo clock. */
  readonly then?: string;
}

export interface Scenario {
  /** Stable across runs: it names the documents and the idempotency keys. */
  readonly key: string;
  readonly province: string;
  readonly blockId: string;
  readonly unitId: string;
  readonly officer: string;
  readonly head: string;
  readonly demoClock: boolean;
  readonly nominee: {
    readonly kind: NomineeKind;
    readonly name: string;
    readonly position?: string;
    readonly frontLine?: boolean;
  };
  readonly awardType: AwardType;
  readonly letterNumber: string;
  readonly achievements: string;
  readonly record: NomineeRecord;
  readonly extraDocuments: readonly DocumentSpec[];
  readonly steps: readonly Step[];
  readonly expected: Expectation;
}

/** An expectation as the loader's summary prints a stage. */
export function expectedText(expected: Expectation): string {
  if (expected.outcome === undefined) return expected.stage;
  // The list reports an award taken back as `Revoked`.
  return expected.revoked ? 'Revoked' : expected.outcome;
}

const directory = demoDirectoryData();

export function unitName(unitId: string): string {
  const unit = directory.units.find((u) => u.id === unitId);
  if (!unit) throw new Error(`the demo directory has no unit ${unitId}`);
  return unit.name;
}

function headOf(unitId: string): string {
  const head = directory.users.find((u) => u.role === 'unit_head' && u.unitId === unitId);
  if (!head) throw new Error(`the demo directory has no unit head for ${unitId}`);
  return head.id;
}

function officerOf(unitId: string): string {
  const officer = directory.users.find((u) => u.role === 'unit_officer' && u.unitId === unitId);
  if (!officer) throw new Error(`the demo directory has no unit officer for ${unitId}`);
  return officer.id;
}

function blockOf(unitId: string): { id: string; province: string } {
  const block = directory.blocks.find((b) => b.memberUnitIds.includes(unitId));
  if (!block) throw new Error(`unit ${unitId} is in no demo block`);
  return { id: block.id, province: block.province };
}

/** The other member units' heads, in the block's order: the voters of a nomination from `unitId`. */
export function votersFor(unitId: string): string[] {
  const block = directory.blocks.find((b) => b.memberUnitIds.includes(unitId));
  return (block?.memberUnitIds ?? []).filter((id) => id !== unitId).map(headOf);
}

export function votes(
  voters: readonly string[],
  choices: readonly (BlockVoteChoice | { choice: BlockVoteChoice; comment: string })[],
): Step[] {
  return choices.map((c, i) => {
    const by = voters[i];
    if (by === undefined) throw new Error(`only ${voters.length} voters for ${choices.length} votes`);
    return typeof c === 'string' ? { kind: 'vote', by, choice: c } : { kind: 'vote', by, ...c };
  });
}

export function opinions(members: readonly string[], recommendation: CouncilRecommendation, comment?: string): Step[] {
  return members.map((by) => ({ kind: 'opinion', by, recommendation, ...(comment ? { comment } : {}) }));
}

export function base(
  key: string,
  unitId: string,
  rest: Omit<Scenario, 'key' | 'province' | 'blockId' | 'unitId' | 'officer' | 'head' | 'demoClock'>,
  demoClock = false,
): Scenario {
  const block = blockOf(unitId);
  return {
    key,
    province: block.province,
    blockId: block.id,
    unitId,
    officer: officerOf(unitId),
    head: headOf(unitId),
    demoClock,
    ...rest,
  };
}

/** Rated Excellent in each year of `years`. */
export function excellent(...years: number[]): NomineeRecord['ratings'] {
  return years.map((year) => ({ year, rating: 'Excellent' }));
}

export function initiativeCertificate(title: string, scope: string, year: number): DocumentSpec {
  return {
    kind: 'initiative_certificate',
    title: `Giấy chứng nhận sáng kiến “${title}”, phạm vi ảnh hưởng ${scope}, năm ${year}`,
  };
}
