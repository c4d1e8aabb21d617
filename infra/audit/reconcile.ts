import { decodeNominationEvent, redactSecretBallots, type NominationState } from '@laurel/domain';
import type { RecordedEvent } from '../event-store/port';
import { firstDifference, foldStream, isRecord, viaJson } from './stream-state';
import {
  readRuns,
  type EarlierRun,
  type FiredTimer,
  type PayloadLike,
  type WorkflowHistoryLike,
} from './temporal-history';

/**
 * Reconciliation of a nomination's event stream with its workflow's Temporal
 * history: the two records are written by different systems, so an edit that
 * keeps the hash chain consistent (every hash recomputed) still shows here.
 *
 * Pure: the caller fetches the history (`handle.fetchHistory()`), asks the
 * `state` query and reads the stream; this module only compares.
 */

export * from './temporal-history';
export { firstDifference, foldStream } from './stream-state';

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

/** Timer-caused events name their timer `timer:<kind>:<stage>:<at>` (workflows/nomination/nomination.workflow.ts). */
export const TIMER_CAUSATION_PREFIX = 'timer:';

/**
 * A timer's planned fire time and the workflow clock it was computed from can
 * differ by rounding (milliseconds against nanoseconds); a timer that fired
 * earlier than this before its `at` did not cause the event.
 */
const TIMER_TOLERANCE_MS = 1_000;

interface EventGroup {
  readonly causationId: string;
  readonly events: RecordedEvent[];
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
