import { isIsoInstant } from '../policy/calendar';
import { isNominationEventType, type NominationEvent, type NominationEventTypeName } from './events';
import type { Problem } from './validation';

/**
 * The one reader of stored nomination events. The workflow's catch-up
 * (workflows/nomination/nomination.workflow.ts), the projections
 * (infra/projections/projection.ts) and the audit (infra/audit/reconcile.ts,
 * infra/audit/hash.ts) turn what a store returns into domain events here,
 * never by a cast: each type has an explicit shape, old versions are
 * upcast to the current one, and stream and workflow ids are built and read
 * in one place.
 */

// ─── Stream and workflow ids ────────────────────────────────────────────────

/** Every nomination's stream is `nomination-<nominationId>`; projections subscribe to this prefix. */
export const NOMINATION_STREAM_PREFIX = 'nomination-';
/** Its Temporal workflow is `nomination-<nominationId>` too: business ids as workflow ids. */
export const NOMINATION_WORKFLOW_PREFIX = 'nomination-';

export function nominationStreamName(nominationId: string): string {
  return `${NOMINATION_STREAM_PREFIX}${nominationId}`;
}

/** The nomination a stream belongs to, or undefined for another kind of stream (reservations, say). */
export function nominationIdOfStream(streamName: string): string | undefined {
  return streamName.startsWith(NOMINATION_STREAM_PREFIX)
    ? streamName.slice(NOMINATION_STREAM_PREFIX.length)
    : undefined;
}

export function nominationWorkflowId(nominationId: string): string {
  return `${NOMINATION_WORKFLOW_PREFIX}${nominationId}`;
}

export function nominationIdOfWorkflow(workflowId: string): string | undefined {
  return workflowId.startsWith(NOMINATION_WORKFLOW_PREFIX)
    ? workflowId.slice(NOMINATION_WORKFLOW_PREFIX.length)
    : undefined;
}

// ─── The envelope: what the metadata says about the stored shape ─────────────

/** The schema version of nomination event data the decider writes today. */
export const EVENT_SCHEMA_VERSION = 1;

/** Hash rules a stored event may name (infra/audit/hash.ts computes them). */
export const HASH_VERSIONS = [1, 2] as const;
export type HashVersion = (typeof HASH_VERSIONS)[number];

/** The versions a stored event's metadata names, upcast to today's explicit form. */
export interface EventEnvelope {
  readonly schemaVersion: number;
  /** Undefined for a hash rule this code does not know (verify reports it, it never guesses). */
  readonly hashVersion: HashVersion | undefined;
}

type Metadata = Readonly<Record<string, unknown>>;

/**
 * Upcasters of the metadata, oldest first. Each turns the metadata an older
 * writer left into what the next version writes, so readers see one form.
 */
const ENVELOPE_UPCASTERS: readonly ((metadata: Metadata) => Metadata)[] = [
  // Before hash version 2 covered `recordedAt`, chained events named no hash
  // version: they were hashed under version 1 (infra/audit/hash.ts).
  (metadata) => ('hashVersion' in metadata ? metadata : { ...metadata, hashVersion: 1 }),
  // Events appended without a schema version (the first writers, reservation
  // streams of tests) hold version-1 data.
  (metadata) => ('schemaVersion' in metadata ? metadata : { ...metadata, schemaVersion: 1 }),
];

export function upcastMetadata(metadata: Metadata | undefined): Metadata {
  return ENVELOPE_UPCASTERS.reduce((current, upcast) => upcast(current), metadata ?? {});
}

export function readEnvelope(metadata: Metadata | undefined): EventEnvelope {
  const current = upcastMetadata(metadata);
  const hash = current['hashVersion'];
  const schema = current['schemaVersion'];
  return {
    schemaVersion: typeof schema === 'number' && Number.isInteger(schema) && schema >= 1 ? schema : Number.NaN,
    hashVersion: (HASH_VERSIONS as readonly unknown[]).includes(hash) ? (hash as HashVersion) : undefined,
  };
}

// ─── Shapes ──────────────────────────────────────────────────────────────────

type Kind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'instant';
/** A field's kind; a trailing `?` makes it optional. */
type Field = Kind | `${Kind}?`;
type Shape = Readonly<Record<string, Field>>;

const COMMON = { at: 'instant', by: 'object' } as const;
const CLOCK = { deadline: 'instant', reminderAt: 'instant?' } as const;

/**
 * Every stored event type and the shape of its data (domain/nomination/events.ts
 * has the full types). Checked shallowly — presence and kind of each field —
 * which is what a reader needs to trust a fold; the decider checked the rest
 * when it wrote the event. Fields not named here are kept as they are.
 */
export const EVENT_SHAPES: { readonly [Type in NominationEventTypeName]: Shape } = {
  NominationDrafted: {
    ...COMMON,
    nominationId: 'string',
    nominee: 'object',
    awardType: 'string',
    campaignYear: 'number',
    province: 'string',
    proposingUnitId: 'string',
    blockId: 'string',
    achievements: 'string',
    record: 'object',
    evidence: 'array',
    achievementKey: 'string',
    policy: 'object',
    campaignId: 'string?',
    dossierId: 'string?',
  },
  DraftEdited: { ...COMMON, changes: 'object', achievementKey: 'string' },
  NominationSubmitted: {
    ...COMMON,
    ...CLOCK,
    eligibility: 'object',
    eligibleVoterUnitIds: 'array',
    councilMemberCount: 'number',
    recusedCouncilMemberIds: 'array',
    achievementKey: 'string',
    policy: 'object',
  },
  BlockVoteCast: {
    ...COMMON,
    unitId: 'string',
    choice: 'string',
    sessionId: 'string?',
    comment: 'string?',
    policy: 'object',
  },
  BlockVoteClosed: {
    ...COMMON,
    tally: 'object',
    closedBy: 'string',
    policy: 'object',
    sessionId: 'string?',
    acclamation: 'object?',
  },
  CouncilReviewOpened: {
    ...COMMON,
    ...CLOCK,
    memberCount: 'number',
    recusedMemberIds: 'array',
    eligibleMemberCount: 'number',
    approvalRatio: 'number',
    secretBallot: 'boolean',
    policy: 'object',
  },
  CouncilOpinionRecorded: {
    ...COMMON,
    memberId: 'string',
    recommendation: 'string',
    comment: 'string?',
    ballot: 'string',
    policy: 'object',
  },
  CouncilReviewClosed: { ...COMMON, tally: 'object', closedBy: 'string', policy: 'object' },
  ProvincialDecisionOpened: { ...COMMON, ...CLOCK, policy: 'object' },
  SupplementRequested: { ...COMMON, ...CLOCK, requestNumber: 'number', reason: 'string', policy: 'object' },
  SupplementProvided: {
    ...COMMON,
    ...CLOCK,
    requestNumber: 'number',
    evidence: 'array',
    note: 'string?',
    policy: 'object',
  },
  DecisionIssued: {
    ...COMMON,
    outcome: 'string',
    decisionNumber: 'string?',
    decisionDate: 'string',
    reason: 'string?',
    policy: 'object',
  },
  NominationWithdrawn: { ...COMMON, reason: 'string', fromStage: 'string' },
  NominationExpired: { ...COMMON, stage: 'string', deadline: 'instant' },
  StageEscalated: { ...COMMON, stage: 'string', deadline: 'instant' },
  ReminderDue: { ...COMMON, stage: 'string', deadline: 'instant' },
  NominationPlacedOnHold: { ...COMMON, reason: 'string', resumeStage: 'string', trigger: 'string' },
  NominationReleasedFromHold: { ...COMMON, ...CLOCK, reason: 'string', resumedStage: 'string', policy: 'object' },
  AwardRevoked: { ...COMMON, ground: 'string', details: 'string', decisionNumber: 'string?' },
  DocumentIssued: {
    ...COMMON,
    kind: 'string',
    documentId: 'string',
    format: 'string',
    sha256: 'string',
    sizeBytes: 'number',
    recordVersion: 'number',
    templateId: 'string',
    templateVersion: 'number',
    reference: 'string',
  },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fits(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'instant':
      return typeof value === 'string' && isIsoInstant(value);
  }
}

function shapeProblems(shape: Shape, data: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  for (const [field, spec] of Object.entries(shape)) {
    const optional = spec.endsWith('?');
    const kind = (optional ? spec.slice(0, -1) : spec) as Kind;
    const value = data[field];
    if (value === undefined) {
      if (!optional) problems.push({ field: `data.${field}`, message: 'is missing' });
    } else if (!fits(kind, value)) {
      problems.push({
        field: `data.${field}`,
        message: `must be ${kind === 'instant' ? 'an ISO instant' : `a ${kind}`}`,
      });
    }
  }
  if (isObject(data['by']) && typeof data['by']['userId'] !== 'string') {
    problems.push({ field: 'data.by.userId', message: 'must be a string' });
  }
  return problems;
}

// ─── Decoding ────────────────────────────────────────────────────────────────

/** A stored event as any store or activity hands it over. */
export interface StoredEventLike {
  readonly type: string;
  readonly data: unknown;
  /** Absent where the reader kept only type and data (the workflow's catch-up): read as version 1. */
  readonly metadata?: Metadata;
}

/**
 * Upcasters of event data, by type and by the version they read: each turns
 * version `n` into `n + 1`. None yet: every nomination event written so far
 * is at version 1. A change of shape adds its step here and a test that
 * reads a stored payload of the old version (domain/nomination/event-codec.unit.spec.ts).
 */
const DATA_UPCASTERS: {
  readonly [Type in NominationEventTypeName]?: Readonly<
    Record<number, (data: Record<string, unknown>) => Record<string, unknown>>
  >;
} = {};

export type DecodedEvent =
  | { readonly ok: true; readonly event: NominationEvent; readonly envelope: EventEnvelope }
  | {
      readonly ok: false;
      /** `unknown_type`: written by newer code, perhaps; `invalid`: the data does not have its type's shape. */
      readonly reason: 'unknown_type' | 'unknown_version' | 'invalid';
      readonly type: string;
      readonly message: string;
      readonly problems: readonly Problem[];
    };

function refused(
  reason: 'unknown_type' | 'unknown_version' | 'invalid',
  type: string,
  message: string,
  problems: readonly Problem[] = [],
): DecodedEvent {
  return { ok: false, reason, type, message, problems };
}

/** Reads one stored event as a domain event of today's shape, or says why it cannot. */
export function decodeNominationEvent(stored: StoredEventLike): DecodedEvent {
  const { type } = stored;
  if (typeof type !== 'string' || !isNominationEventType(type)) {
    return refused('unknown_type', String(type), `event type "${String(type)}" is not a nomination event`);
  }
  const envelope = readEnvelope(stored.metadata);
  if (!(envelope.schemaVersion >= 1 && envelope.schemaVersion <= EVENT_SCHEMA_VERSION)) {
    return refused(
      'unknown_version',
      type,
      `${type} names schema version ${String(stored.metadata?.['schemaVersion'])}, which this code does not read`,
    );
  }
  if (!isObject(stored.data))
    return refused('invalid', type, `${type} has no data object`, [{ field: 'data', message: 'must be an object' }]);
  let data = stored.data;
  for (let version = envelope.schemaVersion; version < EVENT_SCHEMA_VERSION; version++) {
    const step = DATA_UPCASTERS[type]?.[version];
    if (step) data = step(data);
  }
  const problems = shapeProblems(EVENT_SHAPES[type], data);
  if (problems.length > 0) {
    return refused(
      'invalid',
      type,
      `${type} does not have its shape: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
      problems,
    );
  }
  // The shape is checked field by field above; the union member follows from the type.
  return { ok: true, event: { type, data } as unknown as NominationEvent, envelope };
}

/** A stored event this code cannot fold: thrown by readers that must not skip one (the workflow). */
export class StoredEventError extends Error {
  constructor(readonly decoded: Extract<DecodedEvent, { ok: false }>) {
    super(decoded.message);
    this.name = 'StoredEventError';
  }
}

/** As `decodeNominationEvent`, throwing `StoredEventError` for an event that cannot be read. */
export function toNominationEvent(stored: StoredEventLike): NominationEvent {
  const decoded = decodeNominationEvent(stored);
  if (!decoded.ok) throw new StoredEventError(decoded);
  return decoded.event;
}

/** What a writer stores: the event's type and data, and the schema version they are written at. */
export function encodeNominationEvent(event: NominationEvent): {
  readonly type: NominationEventTypeName;
  readonly data: NominationEvent['data'];
  readonly schemaVersion: number;
} {
  return { type: event.type, data: event.data, schemaVersion: EVENT_SCHEMA_VERSION };
}
