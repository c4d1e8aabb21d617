/**
 * The activities the nomination workflow calls. Interfaces only: the
 * implementations live in infra/ and are wired by apps/worker, so workflow code
 * never reaches I/O.
 */

import type { ReservationRequest } from '@laurel/domain';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonRecord = { [key: string]: Json };

export interface EventToStore {
  /** Deterministic key (`<stream>@<version>`); the activity derives the stored event id from it. */
  readonly key: string;
  readonly type: string;
  readonly data: JsonRecord;
  readonly metadata: JsonRecord;
}

/** A key kept unique across nominations ("no double reward"), taken just before the events are stored. */
export type ReservationToTake = Pick<ReservationRequest, 'kind' | 'key' | 'nominationId' | 'at' | 'by'>;

export interface AppendEventsInput {
  readonly streamName: string;
  /** The stream version the workflow's state was folded from. */
  readonly expectedVersion: number;
  readonly events: readonly EventToStore[];
  /**
   * Taken first; when another nomination holds it the activity fails with
   * `ALREADY_NOMINATED` and stores nothing. One activity, not two: a
   * submission costs the workflow no extra activation.
   */
  readonly reserve?: ReservationToTake;
}

export interface AppendEventsResult {
  readonly nextVersion: number;
  /** `<commit>.<prepare>` */
  readonly position: string;
}

export type NotificationKind = 'reminder' | 'escalation' | 'supplement_requested' | 'outcome' | 'revocation';

/** Who should see a notification: a role, narrowed to a unit or block where the role is scoped. */
export interface Audience {
  readonly role: string;
  readonly unitId?: string;
  readonly blockId?: string;
}

export interface Notification {
  /** Deterministic, so a retried activity writes one row. */
  readonly id: string;
  readonly nominationId: string;
  readonly kind: NotificationKind;
  readonly stage: string;
  readonly audience: readonly Audience[];
  readonly message: string;
  readonly dueAt?: string;
  readonly createdAt: string;
}

/** Error types the activities raise that no retry can fix. */
export const NonRetryableActivityErrors = [
  'CONCURRENCY_CONFLICT',
  'EVENT_ID_CONFLICT',
  'INVALID_EVENT',
  'ALREADY_NOMINATED',
] as const;

export interface LoadEventsInput {
  readonly streamName: string;
  /** The first version to read: one past the version the workflow has folded. */
  readonly fromVersion: number;
}

/** A stored event as the workflow folds it. */
export interface LoadedEvent {
  readonly version: number;
  readonly type: string;
  readonly data: JsonRecord;
  /** The update id or timer that caused it, when a workflow appended it. */
  readonly causationId?: string;
  /** `<commit>.<prepare>` */
  readonly position: string;
}

export interface LoadEventsResult {
  readonly events: readonly LoadedEvent[];
}

export interface NominationActivities {
  /** Appends hash-chained events with an expected version; idempotent by event id. */
  appendEvents(input: AppendEventsInput): Promise<AppendEventsResult>;
  /**
   * Reads the stream from a version on: how the workflow catches up after the
   * store refused an append because the stream had moved on without it.
   */
  loadEvents(input: LoadEventsInput): Promise<LoadEventsResult>;
  /** Writes notifications to the outbox the API reads; idempotent by notification id. */
  notify(notifications: readonly Notification[]): Promise<void>;
}
