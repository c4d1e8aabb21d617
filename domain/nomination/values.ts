/**
 * Value types shared by commands, events, state and policy. Plain data only:
 * everything here must survive a JSON round trip unchanged.
 */

/** Every role a person may hold; what each may do is the table in domain/policy/acts.ts. */
export const ROLES = [
  'unit_officer',
  'unit_head',
  'block_leader',
  'board_officer',
  'council_member',
  'chairman',
  'auditor',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

/** Timers (deadlines, reminders) act as `system`; no person may hold this role. */
export type ActorRole = Role | 'system';

export type Actor = {
  readonly userId: string;
  readonly role: ActorRole;
  readonly unitId?: string;
  readonly blockId?: string;
};

/** The provincial awards the law names; their codes never change. */
export type NationalAwardType =
  | 'ProvincialEmulationFlag'
  | 'ProvincialEmulationFighter'
  | 'ExcellentLabourCollective'
  | 'ProvincialCertificateOfMerit';

export const NATIONAL_AWARD_TYPES: readonly NationalAwardType[] = [
  'ProvincialEmulationFlag',
  'ProvincialEmulationFighter',
  'ExcellentLabourCollective',
  'ProvincialCertificateOfMerit',
];

/**
 * An award a province or a block's Party committee defines in its policy data:
 * `local/<definer>/<name>`, e.g. 'local/nt-party-agencies/excellent-3-years'.
 * A template literal, so a `Record<AwardType, …>` still type-checks with only
 * the national keys; tables that hold national awards only use NationalAwardType.
 * No '.' or ':' in the code: i18next reads those as key and namespace separators.
 */
export type LocalAwardType = `local/${string}`;

export type AwardType = NationalAwardType | LocalAwardType;

export const LOCAL_AWARD_CODE = /^local\/[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** At most this long, so a code fits search attributes and keys. */
export const MAX_AWARD_CODE_LENGTH = 120;

export function isNationalAwardType(value: unknown): value is NationalAwardType {
  return typeof value === 'string' && (NATIONAL_AWARD_TYPES as readonly string[]).includes(value);
}

/** The shape of a local award code; whether a policy defines it is the policy's question. */
export function isLocalAwardType(value: unknown): value is LocalAwardType {
  return typeof value === 'string' && value.length <= MAX_AWARD_CODE_LENGTH && LOCAL_AWARD_CODE.test(value);
}

export function isAwardType(value: unknown): value is AwardType {
  return isNationalAwardType(value) || isLocalAwardType(value);
}

/** Every title a nominee's record may hold, including the unit-level ones eligibility reads. */
export type TitleCode =
  | AwardType
  | 'GrassrootsEmulationFighter'
  | 'AdvancedWorker'
  | 'AdvancedLabourCollective'
  | 'CertificateOfCommendation';

export type NomineeKind = 'individual' | 'collective';

export type Nominee = {
  readonly kind: NomineeKind;
  /** Full name of the person or the collective, NFC. */
  readonly name: string;
  /** The unit the nominee belongs to (for a collective: the collective's own unit id). */
  readonly unitId: string;
  /** Directory id of the person, when known; makes the no-double-reward key robust to name spelling. */
  readonly personId?: string;
  readonly position?: string;
  /** Priority statistics [law]: front-line worker, not in management. */
  readonly frontLine?: boolean;
  /** Priority statistics [law]: works in a hardship area. */
  readonly hardshipArea?: boolean;
};

/** A nominee as a caller may give it: the unit may be left out. */
export type NomineeInput = Omit<Nominee, 'unitId'> & { readonly unitId?: string | undefined };

/**
 * A nominee given without a unit belongs to `unitId`: the proposing unit when
 * drafting, the unit the nominee already had when a draft is edited.
 */
export function nomineeWithUnit<N extends NomineeInput>(nominee: N, unitId: string): N & { readonly unitId: string } {
  return { ...nominee, unitId: nominee.unitId ?? unitId };
}

export type Rating = 'Excellent' | 'Good' | 'Completed' | 'NotCompleted';

/** Ordered from narrowest to widest, so "at least province" is a comparison. */
export const INITIATIVE_SCOPES = ['unit', 'sector', 'province', 'national'] as const;
export type InitiativeScope = (typeof INITIATIVE_SCOPES)[number];

export type TitleHeld = {
  readonly year: number;
  readonly title: TitleCode;
  readonly decisionNumber?: string;
};

export type YearRating = {
  readonly year: number;
  readonly rating: Rating;
};

export type Initiative = {
  readonly year: number;
  readonly title: string;
  readonly scope: InitiativeScope;
};

/** For collectives: the members' results in the campaign year (Art. 27). */
export type MemberStats = {
  readonly memberCount: number;
  readonly completedTasks: number;
  readonly advancedWorkers: number;
  readonly grassrootsFighters: number;
};

export type NomineeFlag =
  | 'acclaimedByBlock'
  | 'exceededTargets'
  | 'exemplary'
  | 'newModels'
  /** Decree 98 Art. 4: discipline, investigation, inspection or an open complaint. */
  | 'underDisciplinaryReview';

/** What eligibility rules read: the nominee's history as the proposing unit declares it. */
export type NomineeRecord = {
  readonly titles: TitleHeld[];
  readonly ratings: YearRating[];
  readonly initiatives: Initiative[];
  readonly memberStats?: MemberStats;
  readonly flags?: Partial<Record<NomineeFlag, boolean>>;
};

export type EvidenceKind =
  | 'proposal_letter'
  | 'achievement_report'
  | 'unit_council_minutes'
  | 'vote_results'
  | 'initiative_certificate'
  | 'prior_decision'
  | 'other';

export const EVIDENCE_KINDS: readonly EvidenceKind[] = [
  'proposal_letter',
  'achievement_report',
  'unit_council_minutes',
  'vote_results',
  'initiative_certificate',
  'prior_decision',
  'other',
];

/** A dossier document. The file lives in a document store; the hash proves which one was reviewed. */
export type Evidence = {
  readonly documentId: string;
  readonly title: string;
  readonly kind: EvidenceKind;
  readonly sizeBytes: number;
  /** Lower-case hex SHA-256 of the file. */
  readonly sha256: string;
};

export type PolicyRef = {
  readonly id: string;
  readonly version: number;
};

export type BlockVoteChoice = 'approve' | 'reject' | 'abstain';
export type CouncilRecommendation = 'approve' | 'reject';
/** Why an award may be revoked after it was given [law]. */
export const REVOCATION_GROUNDS = ['fraud', 'forged_documents', 'unlawful_approval', 'standards_unmet'] as const;
export type RevocationGround = (typeof REVOCATION_GROUNDS)[number];

/** Documents Laurel builds from the record. */
export const DOCUMENT_KINDS = ['decision', 'proposal_letter', 'block_minutes', 'council_minutes'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_FORMATS = ['docx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];
