// A nomination run the way the workflow runs it — decide, append through the
// hash chain with the workflow's metadata, evolve — but without Temporal: the
// Temporal history is fabricated alongside, event for event, in the shape
// `handle.fetchHistory()` returns. Reconciliation tests then alter either side.
import { randomUUID } from 'node:crypto';
import {
  decide,
  evolve,
  initialState,
  redactSecretBallots,
  type Actor,
  type NominationCommand,
  type NominationEvent,
  type NominationState,
  type PolicySet,
} from '@laurel/domain';
import type { HistoryEventLike, PayloadLike, TimestampLike } from '@laurel/infra/audit/reconcile';
import type { EventStore, JsonObject, RecordedEvent } from '@laurel/infra/event-store/port';
import { loadConfig } from '@laurel/infra/config/config';
import { PgliteSqlClient } from '@laurel/infra/event-store/sql/pglite-client';
import { openStores, type Stores } from '@laurel/infra/runtime/stores';
import { nominationStreamName, nominationWorkflowId } from '@laurel/workflows/nomination/messages';
import type { WorkflowRecord, WorkflowRecords } from '../../apps/api/src/audit/verify/workflow-records';

const encoder = new TextEncoder();

export function jsonPayload(value: unknown): PayloadLike {
  return { metadata: { encoding: encoder.encode('json/plain') }, data: encoder.encode(JSON.stringify(value)) };
}

function timestamp(ms: number): TimestampLike {
  return { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 };
}

/** The update name of each command, as messages.ts defines them. */
const UPDATE_NAMES: Partial<Record<NominationCommand['type'], string>> = {
  DraftNomination: 'draft',
  EditDraft: 'editDraft',
  SubmitNomination: 'submit',
  CastBlockVote: 'castVote',
  CloseBlockVote: 'closeBlockVote',
  RecordCouncilOpinion: 'recordCouncilOpinion',
  CloseCouncilReview: 'closeCouncilReview',
  RequestSupplement: 'requestSupplement',
  ProvideSupplement: 'provideSupplement',
  IssueDecision: 'issueDecision',
  WithdrawNomination: 'withdraw',
  PlaceOnHold: 'placeOnHold',
  ReleaseHold: 'releaseHold',
  RevokeAward: 'revokeAward',
};

export class SimulatedNomination {
  readonly workflowId: string;
  readonly runId = randomUUID();
  readonly streamName: string;
  state: NominationState = initialState;
  /** Fabricated Temporal history, appended to as the nomination runs. */
  readonly history: HistoryEventLike[] = [];
  /** The update id of each update applied, in order. */
  readonly updateIds: string[] = [];
  private nextHistoryId = 1;

  constructor(
    readonly store: EventStore,
    readonly nominationId: string,
    readonly policy: PolicySet,
  ) {
    this.workflowId = nominationWorkflowId(nominationId);
    this.streamName = nominationStreamName(nominationId);
  }

  private historyEvent(event: Omit<HistoryEventLike, 'eventId'>): number {
    const eventId = this.nextHistoryId++;
    this.history.push({ eventId: String(eventId), ...event });
    return eventId;
  }

  private async append(given: NominationCommand, causationId: string): Promise<NominationEvent[]> {
    // Domain fixtures name one nomination; each simulated one has its own id.
    const command = { ...given, nominationId: this.nominationId };
    const decision = decide(this.state, command, this.policy);
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.error.code} ${decision.error.message}`);
    await this.store.append(
      this.streamName,
      decision.events.map((event) => ({
        id: randomUUID(),
        type: event.type,
        data: event.data as unknown as JsonObject,
        metadata: {
          actor: { ...command.actor } as JsonObject,
          workflowId: this.workflowId,
          runId: this.runId,
          causationId,
          correlationId: this.nominationId,
          schemaVersion: 1,
        },
      })),
      this.state.version,
    );
    this.state = decision.events.reduce(evolve, this.state);
    return decision.events;
  }

  /** A human action, as an accepted and completed Update. */
  async update(command: NominationCommand, updateId = randomUUID()): Promise<string> {
    const name = UPDATE_NAMES[command.type] ?? command.type;
    const { type: _type, nominationId: _id, at: _at, ...args } = command;
    const time = Date.parse(command.at);
    const acceptedEventId = this.historyEvent({
      eventTime: timestamp(time),
      workflowExecutionUpdateAcceptedEventAttributes: {
        acceptedRequest: { meta: { updateId }, input: { name, args: { payloads: [jsonPayload(args)] } } },
      },
    });
    const events = await this.append(command, updateId);
    this.historyEvent({
      eventTime: timestamp(time),
      workflowExecutionUpdateCompletedEventAttributes: {
        meta: { updateId },
        acceptedEventId: String(acceptedEventId),
        outcome: {
          success: {
            payloads: [
              jsonPayload({
                nominationId: this.nominationId,
                stage: this.state.stage,
                version: this.state.version,
                position: '0.0',
                eventTypes: events.map((e) => e.type),
              }),
            ],
          },
        },
      },
    });
    this.updateIds.push(updateId);
    return updateId;
  }

  /** An Update the validator accepted but whose handler failed: history only, no events. */
  failedUpdate(name: string, at: string, updateId = randomUUID()): string {
    const acceptedEventId = this.historyEvent({
      eventTime: timestamp(Date.parse(at)),
      workflowExecutionUpdateAcceptedEventAttributes: { acceptedRequest: { meta: { updateId }, input: { name } } },
    });
    this.historyEvent({
      eventTime: timestamp(Date.parse(at)),
      workflowExecutionUpdateCompletedEventAttributes: {
        meta: { updateId },
        acceptedEventId: String(acceptedEventId),
        outcome: { failure: { message: 'refused' } },
      },
    });
    return updateId;
  }

  /** A timer started at `startedAt`, firing at `at`, then the command it triggers (as `system`). */
  async timer(kind: 'SendReminder' | 'ReachDeadline', stage: string, at: string, startedAt: string): Promise<void> {
    const startedMs = Date.parse(startedAt);
    const timeoutMs = Date.parse(at) - startedMs;
    const startedEventId = this.historyEvent({
      eventTime: timestamp(startedMs),
      timerStartedEventAttributes: { timerId: String(this.nextHistoryId), startToFireTimeout: timestamp(timeoutMs) },
    });
    this.historyEvent({
      eventTime: timestamp(Date.parse(at)),
      timerFiredEventAttributes: { timerId: String(startedEventId), startedEventId: String(startedEventId) },
    });
    const system: Actor = { userId: 'system', role: 'system' };
    await this.append(
      { type: kind, nominationId: this.nominationId, actor: system, at, stage } as NominationCommand,
      `timer:${kind}:${stage}:${at}`,
    );
  }

  /** What the workflow's `state` query answers. */
  queriedState(): NominationState {
    return JSON.parse(JSON.stringify(redactSecretBallots(this.state))) as NominationState;
  }

  record(overrides: Partial<WorkflowRecord> = {}): WorkflowRecord {
    return {
      workflowId: this.workflowId,
      runId: this.runId,
      history: { events: this.history },
      state: this.queriedState(),
      ...overrides,
    };
  }

  async stream(): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const event of this.store.readStream(this.streamName)) events.push(event);
    return events;
  }
}

/** Workflow records served from simulated nominations (and whatever a test puts in by hand). */
export class FabricatedWorkflowRecords implements WorkflowRecords {
  readonly records = new Map<string, WorkflowRecord>();

  add(nomination: SimulatedNomination, overrides: Partial<WorkflowRecord> = {}): void {
    this.records.set(nomination.nominationId, nomination.record(overrides));
  }

  async read(nominationId: string): Promise<WorkflowRecord | undefined> {
    return this.records.get(nominationId);
  }
}

/** Stores over a fresh in-memory PGlite (about 3 s to start: one per test file). */
export async function openMemoryStores(): Promise<Stores> {
  const sql = await PgliteSqlClient.open('memory://');
  const stores = await openStores(loadConfig({}), sql);
  return {
    ...stores,
    async close() {
      await stores.close();
      await sql.close();
    },
  };
}
