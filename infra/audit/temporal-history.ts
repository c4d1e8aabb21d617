/**
 * What reconciliation reads of a Temporal history (infra/audit/reconcile.ts):
 * the structural subset of the SDK's history events, so fabricated histories
 * in tests and the SDK's own objects both fit, and the updates and fired
 * timers found in one run or in several.
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

/** A run before the latest one: a closed nomination reopened for an action after its close (a revocation). */
export interface EarlierRun {
  readonly runId: string;
  readonly history: WorkflowHistoryLike;
  /** As `ReconcileInput.decodePayload`, for this run's history; unset: the input's. */
  readonly decodePayload?: (payload: PayloadLike) => unknown;
}

export interface UpdateRecord {
  readonly updateId: string;
  readonly name: string | undefined;
  readonly args: unknown;
  readonly acceptedEventId: number;
  outcome: 'pending' | 'success' | 'failure';
  result: unknown;
}

export interface FiredTimer {
  readonly plannedAt: number;
  readonly firedAt: number;
  matched: boolean;
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

export function readHistory(history: WorkflowHistoryLike, decode: (p: PayloadLike) => unknown) {
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

/** The histories of a nomination's runs, the latest last, each with its decoder. */
export interface RunHistories {
  readonly history: WorkflowHistoryLike;
  readonly earlierRuns?: readonly EarlierRun[];
  readonly decodePayload?: (payload: PayloadLike) => unknown;
}

/** The updates and fired timers of every run, the latest last. */
export function readRuns(input: RunHistories) {
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
