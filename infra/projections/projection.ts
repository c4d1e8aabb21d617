import {
  decodeNominationEvent,
  evolve,
  initialState,
  NOMINATION_STREAM_PREFIX,
  nominationIdOfStream,
  redactSecretBallots,
  type NominationEvent,
  type NominationState,
} from '@laurel/domain';
import type { RecordedEvent } from '../event-store/port';

export { NOMINATION_STREAM_PREFIX };

/** When the nomination entered its current stage: task ids and `created_at` come from it. */
export interface StageEntry {
  /** Stream version of the event that entered the stage. */
  readonly version: number;
  /** That event's `at`. */
  readonly at: string;
}

/** A nomination as the projections keep it between events. */
export interface TrackedNomination {
  readonly nominationId: string;
  /** Folded with the domain's `evolve`; secret-ballot choices redacted (evolve never reads them). */
  readonly state: NominationState;
  readonly entry: StageEntry;
  /**
   * Stream version of the last event seen, folded or not (an event type this
   * code does not know is skipped but still counted), so a repeated delivery
   * is recognised even when the state's own count lags behind.
   */
  readonly streamVersion: number;
  /** `recordedAt` of the first event, for nominations whose stream does not start with a draft. */
  readonly firstRecordedAt: string;
  /** `recordedAt` of the last event folded. */
  readonly updatedAt: string;
  readonly position: RecordedEvent['position'];
}

/** One event applied to one nomination, with the state on either side. */
export interface NominationChange {
  readonly recorded: RecordedEvent;
  /** Undefined for an event this code cannot read (unknown type or version, damaged data): the state is unchanged. */
  readonly event: NominationEvent | undefined;
  readonly before: TrackedNomination;
  readonly after: TrackedNomination;
}

/**
 * A read model fed by the runner. The runner writes a batch as ONE statement:
 * a checkpoint move plus one upsert per projection, each a data-modifying CTE
 * that only inserts when the checkpoint moved (see runner.ts). The rows must
 * be a function of the changes alone, so that a rebuild reproduces them.
 */
export interface Projection {
  readonly name: string;
  /**
   * The rows this batch writes (an empty list when none). `sessionEvents`:
   * the batch's events of the session streams, in store order.
   */
  rows(changes: readonly NominationChange[], sessionEvents?: readonly RecordedEvent[]): readonly object[];
  /**
   * An `INSERT … ON CONFLICT …` of the rows, read from the JSON text
   * parameter `rowsParam`, inserting nothing unless CTE `guard` has a row.
   */
  upsertSql(rowsParam: string, guard: string): string;
}

export function nominationIdOf(streamName: string): string | undefined {
  return nominationIdOfStream(streamName);
}

export function untracked(nominationId: string, recorded: RecordedEvent): TrackedNomination {
  return {
    nominationId,
    state: initialState,
    entry: { version: 0, at: recorded.recordedAt },
    streamVersion: 0,
    firstRecordedAt: recorded.recordedAt,
    updatedAt: recorded.recordedAt,
    position: recorded.position,
  };
}

/**
 * Folds one stored event onto a tracked nomination. Undefined when the event
 * was seen already (its version is not past the stream version tracked),
 * which makes a repeated delivery harmless.
 */
export function advance(before: TrackedNomination, recorded: RecordedEvent): NominationChange | undefined {
  if (recorded.version <= before.streamVersion) return undefined;
  const moved = { streamVersion: recorded.version, updatedAt: recorded.recordedAt, position: recorded.position };
  // Read by the domain's codec (domain/nomination/event-codec.ts), old versions upcast. A type or
  // version written by newer code, or a damaged event: counted, not folded; a rebuild after upgrading folds it.
  const decoded = decodeNominationEvent(recorded);
  if (!decoded.ok) return { recorded, event: undefined, before, after: { ...before, ...moved } };
  const { event } = decoded;
  const state = redactSecretBallots(evolve(before.state, event));
  const { at } = event.data;
  const entry = state.stage !== before.state.stage ? { version: recorded.version, at } : before.entry;
  return { recorded, event, before, after: { ...before, ...moved, state, entry } };
}
