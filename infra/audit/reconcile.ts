import {
  decodeNominationEvent,
  fold,
  redactSecretBallots,
  type NominationEvent,
  type NominationState,
} from '@laurel/domain';
import type { JsonValue, RecordedEvent } from '../event-store/port';

/**
 * Reconciliation of a nomination's event stream with its workflow's Temporal
 * history: the two records are written by different systems, so an edit that
 * keeps the hash chain consistent (every hash recomputed) still shows here.
 *
 * Pure: the caller fetches the history (`handle.fetchHistory()`), asks the
 * `state` query and reads the stream; this module only compares.
 */

/** Anything that prints as an integer: protobuf `Long`, number, bigint, decimal string. */
export type IntLike = number | string | bigint | { toString(): string };

export interface TimestampLike {
  readonly seconds?: IntLike | null;
  readonly nanos?: number | null;
}

export interface PayloadLike {
  readonly metadata?: { readonly [key: string]: Uint8Array } | null;
  readonly data?: Uint8Array | null;
}

export interface PayloadsLike {
  readonly payloads?: readonly PayloadLike[] | null;
}

interface UpdateMetaLike {
  readonly updateId?: string | null;
}

/**
 * The parts of a Temporal history event that reconciliation reads: the
 * structural subset of `temporal.api.history.v1.IHistoryEvent`, so fabricated
 * histories in tests and the SDK's objects both fit.
 */
export interface HistoryEventLike {
  readonly eventId?: IntLike | null;
  readonly eventTime?: TimestampLike | null;
  /** Read for the start input of a reopened run, which names the run before it. */
  readonly workflowExecutionStartedEventAttributes?: { readonly input?: PayloadsLike | null } | null;
  readonly workflowExecutionUpdateAcceptedEventAttributes?: {
    readonly acceptedRequest?: {
      readonly meta?: UpdateMetaLike | null;
      readonly input?: { readonly name?: string | null; readonly args?: PayloadsLike | null } | null;
    } | null;
  } | null;
  readonly workflowExecutionUpdateCompletedEventAttributes?: {
    readonly meta?: UpdateMetaLike | null;
    readonly acceptedEventId?: IntLike | null;
    readonly outcome?: { readonly success?: PayloadsLike | null; readonly failure?: object | null } | null;
  } | null;
  readonly timerStartedEventAttributes?: {
    readonly timerId?: string | null;
    readonly startToFireTimeout?: TimestampLike | null;
  } | null;
  readonly timerFiredEventAttributes?: {
    readonly timerId?: string | null;
    readonly startedEventId?: IntLike | null;
  } | null;
}

export interface WorkflowHistoryLike {
  readonly events?: readonly HistoryEventLike[] | null;
}

export type ReconciliationProblemCode =
  | 'update_without_events'
  | 'events_without_update'
  | 'events_for_failed_update'
  | 'update_result_mismatch'
  | 'actor_mismatch'
  | 'timer_not_fired'
  | 'malformed_timer_cause'
  | 'missing_causation'
  | 'workflow_mismatch'
  /** An event the codec cannot read: not a nomination type, a schema version it does not know, or damaged data. */
  | 'unknown_event_type'
  | 'state_mismatch'
  | 'state_unavailable'
  /** Reported by callers when Temporal has no history to reconcile with (never started, or past retention). */
  | 'workflow_unavailable';

export interface ReconciliationProblem {
  readonly code: ReconciliationProblemCode;
  readonly message: string;
  /** The first stored event concerned, when there is one. */
  readonly version?: number;
  readonly eventId?: string;
  readonly causationId?: string;
  readonly updateId?: string;
  /** Where the states part, as a JSON path (`council.opinions[0].at`). */
  readonly path?: string;
}

export interface ReconciliationCounts {
  readonly events: number;
  /** Updates accepted and completed successfully. */
  readonly updates: number;
  /** Updates accepted and completed with a failure (they must have written nothing). */
  readonly failedUpdates: number;
  /** Updates accepted but not completed when the history was fetched. */
  readonly pendingUpdates: number;
  readonly timersFired: number;
  /** Groups of events caused by a timer. */
  readonly timerCausedGroups: number;
}

export interface Reconciliation {
  readonly ok: boolean;
  /** In stream order (problems without an event last). */
  readonly problems: readonly ReconciliationProblem[];
  readonly counts: ReconciliationCounts;
}

/** A run before the latest one: a closed nomination reopened for an action after its close (a revocation). */
export interface EarlierRun {
  readonly runId: string;
  readonly history: WorkflowHistoryLike;
  /** As `ReconcileInput.decodePayload`, for this run's history; unset: the input's. */
  readonly decodePayload?: (payload: PayloadLike) => unknown;
}

export interface ReconcileInput {
  readonly workflowId: string;
  /** The run whose history was fetched; events of another run are reported. Omit to skip the check. */
  readonly runId?: string;
  /** The nomination's earlier runs, when it was reopened: their updates and timers count as the latest run's. */
  readonly earlierRuns?: readonly EarlierRun[];
  /** The whole stream, in version order. */
  readonly events: readonly RecordedEvent[];
  readonly history: WorkflowHistoryLike;
  /**
   * The workflow's `state` query answer, or `undefined` when it could not be
   * asked (say, no worker polls the queue): reported as `state_unavailable`.
   */
  readonly workflowState: unknown;
  /**
   * Decodes a payload of the history. Default: `json/plain` payloads (the SDK's
   * default converter, no codec); others decode to `undefined`, which skips the
   * checks that need them. With a payload codec, decode before calling
   * (`historyPayloadDecoder` in infra/temporal/payload-codec.ts).
   */
  readonly decodePayload?: (payload: PayloadLike) => unknown;
}

/** Timer-caused events name their timer `timer:<kind>:<stage>:<at>` (nomination.workflow.ts). */
export const TIMER_CAUSATION_PREFIX = 'timer:';

/**
 * A timer's planned fire time and the workflow clock it was computed from can
 * differ by rounding (milliseconds against nanoseconds); a timer that fired
 * earlier than this before its `at` did not cause the event.
 */
const TIMER_TOLERANCE_MS = 1_000;

interface UpdateRecord {
  readonly updateId: string;
  readonly name: string | undefined;
  readonly args: unknown;
  readonly acceptedEventId: number;
  outcome: 'pending' | 'success' | 'failure';
  result: unknown;
}

interface FiredTimer {
  readonly plannedAt: number;
  readonly firedAt: number;
  matched: boolean;
}

interface EventGroup {
  readonly causationId: string;
  readonly events: RecordedEvent[];
}

const textDecoder = new TextDecoder();

/** The SDK's default converter writes JSON with `encoding: json/plain`. */
export function decodeJsonPayload(payload: PayloadLike): unknown {
  const encoding = payload.metadata?.['encoding'];
  if (!encoding || textDecoder.decode(encoding) !== 'json/plain' || !payload.data) return undefined;
  try {
    return JSON.parse(textDecoder.decode(payload.data)) as unknown;
  } catch {
    return undefined;
  }
}

function toInt(value: IntLike | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(String(value));
}

function toMillis(value: TimestampLike | null | undefined): number {
  if (!value) return 0;
  return toInt(value.seconds) * 1000 + Math.floor((value.nanos ?? 0) / 1_000_000);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function viaJson(value: unknown): JsonValue | undefined {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as JsonValue);
}

/** The first JSON path at which two JSON values differ, or undefined when they are equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    const length = Math.max(a.length, b.length);
    for (let i = 0; i < length; i++) {
      const found = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const found = firstDifference(a[key], b[key], path ? `${path}.${key}` : key);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return path || '(root)';
}

/** The state the stream folds to, as the `state` query would show it. */
export function foldStream(events: readonly RecordedEvent[]): NominationState {
  // Events the codec cannot read are reported separately (unknown_event_type); they fold as nothing.
  const known: NominationEvent[] = [];
  for (const event of events) {
    const decoded = decodeNominationEvent(event);
    if (decoded.ok) known.push(decoded.event);
  }
  return redactSecretBallots(fold(known));
}

function readHistory(history: WorkflowHistoryLike, decode: (p: PayloadLike) => unknown) {
  const updates = new Map<string, UpdateRecord>();
  const updatesByAcceptedEvent = new Map<number, UpdateRecord>();
  const timerStarts = new Map<number, { plannedAt: number }>();
  const fired: FiredTimer[] = [];
  for (const event of history.events ?? []) {
    const eventId = toInt(event.eventId);
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
    if (accepted) {
      const updateId = accepted.acceptedRequest?.meta?.updateId;
      if (!updateId) continue;
      const firstArg = accepted.acceptedRequest?.input?.args?.payloads?.[0];
      const record: UpdateRecord = {
        updateId,
        name: accepted.acceptedRequest?.input?.name ?? undefined,
        args: firstArg ? decode(firstArg) : undefined,
        acceptedEventId: eventId,
        outcome: 'pending',
        result: undefined,
      };
      updates.set(updateId, record);
      updatesByAcceptedEvent.set(eventId, record);
      continue;
    }
    const completed = event.workflowExecutionUpdateCompletedEventAttributes;
    if (completed) {
      const record =
        (completed.meta?.updateId ? updates.get(completed.meta.updateId) : undefined) ??
        updatesByAcceptedEvent.get(toInt(completed.acceptedEventId));
      if (!record) continue;
      if (completed.outcome?.success) {
        record.outcome = 'success';
        const payload = completed.outcome.success.payloads?.[0];
        record.result = payload ? decode(payload) : undefined;
      } else {
        record.outcome = 'failure';
      }
      continue;
    }
    const started = event.timerStartedEventAttributes;
    if (started) {
      timerStarts.set(eventId, { plannedAt: toMillis(event.eventTime) + toMillis(started.startToFireTimeout) });
      continue;
    }
    const timerFired = event.timerFiredEventAttributes;
    if (timerFired) {
      const start = timerStarts.get(toInt(timerFired.startedEventId));
      const firedAt = toMillis(event.eventTime);
      fired.push({ plannedAt: start?.plannedAt ?? firedAt, firedAt, matched: false });
    }
  }
  return { updates, fired };
}

/**
 * Updates accepted but not yet completed: an update in flight may already have
 * appended its events. Callers re-read until there are none before reconciling.
 */
export function pendingUpdateCount(history: WorkflowHistoryLike): number {
  let pending = 0;
  for (const update of readHistory(history, () => undefined).updates.values()) {
    if (update.outcome === 'pending') pending++;
  }
  return pending;
}

/** Groups events by causation id, keeping the order of first appearance. */
function groupByCausation(events: readonly RecordedEvent[]): { groups: EventGroup[]; uncaused: RecordedEvent[] } {
  const groups = new Map<string, EventGroup>();
  const uncaused: RecordedEvent[] = [];
  for (const event of events) {
    const causationId = event.metadata['causationId'];
    if (typeof causationId !== 'string' || causationId === '') {
      uncaused.push(event);
      continue;
    }
    let group = groups.get(causationId);
    if (!group) {
      group = { causationId, events: [] };
      groups.set(causationId, group);
    }
    group.events.push(event);
  }
  return { groups: [...groups.values()], uncaused };
}

/** `timer:<kind>:<stage>:<at>`; `at` is an ISO instant and contains colons itself. */
function timerAt(causationId: string): number | undefined {
  const parts = causationId.slice(TIMER_CAUSATION_PREFIX.length).split(':');
  if (parts.length < 3) return undefined;
  const at = Date.parse(parts.slice(2).join(':'));
  return Number.isNaN(at) ? undefined : at;
}

function at(event: RecordedEvent): Pick<ReconciliationProblem, 'version' | 'eventId'> {
  return { version: event.version, eventId: event.id };
}

/** The updates and fired timers of every run, the latest last. */
function readRuns(input: ReconcileInput) {
  const decode = input.decodePayload ?? decodeJsonPayload;
  const updates = new Map<string, UpdateRecord>();
  const fired: FiredTimer[] = [];
  const runs = [...(input.earlierRuns ?? []), { history: input.history, decodePayload: decode }];
  for (const run of runs) {
    const read = readHistory(run.history, run.decodePayload ?? decode);
    for (const [id, update] of read.updates) updates.set(id, update);
    fired.push(...read.fired);
  }
  return { updates, fired };
}

export function reconcile(input: ReconcileInput): Reconciliation {
  const { updates, fired } = readRuns(input);
  const runIds = new Set([input.runId, ...(input.earlierRuns ?? []).map((run) => run.runId)]);
  const { groups, uncaused } = groupByCausation(input.events);
  const problems: ReconciliationProblem[] = [];

  for (const event of input.events) {
    const decoded = decodeNominationEvent(event);
    if (!decoded.ok) {
      problems.push({
        code: 'unknown_event_type',
        message: decoded.message,
        ...at(event),
      });
    }
    const { workflowId, runId } = event.metadata;
    if (workflowId !== input.workflowId || (input.runId !== undefined && !runIds.has(runId as string))) {
      problems.push({
        code: 'workflow_mismatch',
        message: `event names workflow ${String(workflowId)} run ${String(runId)}, expected ${input.workflowId}${
          input.runId !== undefined ? ` run ${input.runId}` : ''
        }`,
        ...at(event),
      });
    }
  }
  for (const event of uncaused) {
    problems.push({ code: 'missing_causation', message: 'event carries no causationId', ...at(event) });
  }

  const caused = new Set<string>();
  let timerCausedGroups = 0;
  // Timers in the order their events were written, each taking the fired timer planned closest after its `at`.
  for (const group of groups) {
    const first = group.events[0]!;
    const last = group.events[group.events.length - 1]!;
    const { causationId } = group;
    if (causationId.startsWith(TIMER_CAUSATION_PREFIX)) {
      timerCausedGroups++;
      const due = timerAt(causationId);
      if (due === undefined) {
        problems.push({
          code: 'malformed_timer_cause',
          message: `cannot read the timer in "${causationId}"`,
          causationId,
          ...at(first),
        });
        continue;
      }
      let best: FiredTimer | undefined;
      for (const timer of fired) {
        if (timer.matched || timer.plannedAt < due - TIMER_TOLERANCE_MS) continue;
        if (!best || timer.plannedAt < best.plannedAt) best = timer;
      }
      if (best) best.matched = true;
      else {
        problems.push({
          code: 'timer_not_fired',
          message: `no timer due at ${new Date(due).toISOString()} fired in the workflow history`,
          causationId,
          ...at(first),
        });
      }
      continue;
    }

    caused.add(causationId);
    const update = updates.get(causationId);
    if (!update || update.outcome === 'pending') {
      problems.push({
        code: 'events_without_update',
        message: update
          ? `update ${causationId} has not completed, yet events name it`
          : `no accepted update ${causationId} in the workflow history`,
        causationId,
        updateId: causationId,
        ...at(first),
      });
      continue;
    }
    if (update.outcome === 'failure') {
      problems.push({
        code: 'events_for_failed_update',
        message: `update ${causationId} (${update.name ?? 'unknown'}) failed, yet events name it`,
        causationId,
        updateId: causationId,
        ...at(first),
      });
      continue;
    }
    // Only the actor is compared: the arguments may hold sealed ballot choices that must not be echoed.
    const expectedActor = isRecord(update.args) ? viaJson(update.args['actor']) : undefined;
    if (expectedActor !== undefined) {
      for (const event of group.events) {
        const path = firstDifference(viaJson(event.metadata['actor']), expectedActor);
        if (path !== undefined) {
          problems.push({
            code: 'actor_mismatch',
            message: `event's actor differs from update ${causationId}'s (at ${path})`,
            causationId,
            updateId: causationId,
            path,
            ...at(event),
          });
          break;
        }
      }
    }
    if (isRecord(update.result)) {
      const { version, eventTypes } = update.result;
      const types = group.events.map((e) => e.type);
      const typesDiffer = Array.isArray(eventTypes) && firstDifference(types, eventTypes) !== undefined;
      if ((typeof version === 'number' && version !== last.version) || typesDiffer) {
        problems.push({
          code: 'update_result_mismatch',
          message:
            `update ${causationId} answered version ${String(version)} with ${JSON.stringify(eventTypes)}; ` +
            `the stream holds versions ${first.version}..${last.version} with ${JSON.stringify(types)}`,
          causationId,
          updateId: causationId,
          ...at(first),
        });
      }
    }
  }

  let succeeded = 0;
  let failedUpdates = 0;
  let pendingUpdates = 0;
  for (const update of updates.values()) {
    if (update.outcome === 'pending') pendingUpdates++;
    if (update.outcome === 'failure') failedUpdates++;
    if (update.outcome !== 'success') continue;
    succeeded++;
    if (!caused.has(update.updateId)) {
      problems.push({
        code: 'update_without_events',
        message: `update ${update.updateId} (${update.name ?? 'unknown'}) was accepted and succeeded, but no event names it`,
        updateId: update.updateId,
      });
    }
  }

  if (input.workflowState === undefined) {
    problems.push({ code: 'state_unavailable', message: "the workflow's state query could not be asked" });
  } else {
    const folded = viaJson(foldStream(input.events));
    // The workflow seals ballots itself; sealing again guards against an older worker that did not.
    const state = input.workflowState;
    const queried = viaJson(
      isRecord(state) && 'stage' in state ? redactSecretBallots(state as NominationState) : state,
    );
    const path = firstDifference(folded, queried);
    if (path !== undefined) {
      problems.push({
        code: 'state_mismatch',
        message: `folding the stream does not give the workflow's state (first difference at ${path})`,
        path,
      });
    }
  }

  problems.sort((a, b) => (a.version ?? Number.MAX_SAFE_INTEGER) - (b.version ?? Number.MAX_SAFE_INTEGER));
  return {
    ok: problems.length === 0,
    problems,
    counts: {
      events: input.events.length,
      updates: succeeded,
      failedUpdates,
      pendingUpdates,
      timersFired: fired.length,
      timerCausedGroups,
    },
  };
}
