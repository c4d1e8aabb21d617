import { z } from 'zod';
import { named, type Described } from '../common/openapi';
import { nominationStateSchema } from '../nominations/nomination-response-schemas';
import type { AuditEventView } from './audit-events';
import type { CheckpointLine } from './checkpoints/export-checkpoints.query';
import type { HistoryPage } from './history/get-history.query';
import type { StateAt } from './state/get-state-at.query';
import type { StoreVerification, VerifyAllProgress } from './verify/verify-all.query';
import type { NominationVerification } from './verify/verify-nomination.query';

/** What the auditor's routes answer, for the OpenAPI document; checked against the handlers' types below. */

const instant = z.string().meta({ description: 'ISO 8601 instant' });
const position = z.string().meta({ description: 'store position, `<commit>.<prepare>`', example: '12.0' });

const CHAIN_BREAK_REASONS = [
  'hash_mismatch',
  'prev_hash_mismatch',
  'version_gap',
  'missing_chain',
  'signature_invalid',
  'unsigned_after_signing_began',
  'unknown_hash_version',
  'hash_version_downgrade',
] as const;
const RECONCILIATION_PROBLEM_CODES = [
  'update_without_events',
  'events_without_update',
  'events_for_failed_update',
  'update_result_mismatch',
  'actor_mismatch',
  'timer_not_fired',
  'malformed_timer_cause',
  'missing_causation',
  'workflow_mismatch',
  'unknown_event_type',
  'state_mismatch',
  'state_unavailable',
  'workflow_unavailable',
] as const;

export const auditEventViewSchema = named(
  'AuditEvent',
  z.object({
    version: z.number().int(),
    id: z.string(),
    type: z.string().meta({ example: 'BlockVoteCast' }),
    data: z.record(z.string(), z.unknown()).meta({ description: "the event's data, secret-ballot choices sealed" }),
    actor: z.unknown().meta({ description: 'who acted: { userId, role, unitId?, blockId? }; null if not recorded' }),
    at: instant.nullable().meta({ description: 'domain time of the act (data.at), covered by the hash' }),
    recordedAt: instant.meta({ description: 'when the store recorded it; not covered by the hash' }),
    position,
    hash: z.string().nullable(),
    prevHash: z.string().nullable(),
    causationId: z
      .string()
      .nullable()
      .meta({ description: 'the Temporal update id, or timer:<kind>:<stage>:<at> for clock events' }),
  }),
);

export const historyPageSchema = named(
  'HistoryPage',
  z.object({
    nominationId: z.string(),
    streamVersion: z.number().int().meta({ description: 'events in the whole history when read' }),
    fromVersion: z.number().int(),
    events: z.array(auditEventViewSchema),
    people: z
      .record(z.string(), z.string())
      .meta({ description: 'display names by user id of the actors and council members this page names' }),
    nextFromVersion: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'fromVersion of the next page; null on the last' }),
  }),
);

export const stateAtSchema = named(
  'StateAt',
  z.object({
    nominationId: z.string(),
    streamVersion: z.number().int(),
    asOf: z.object({
      version: z.number().int().meta({ description: 'events folded' }),
      lastEventAt: instant.nullable(),
      requested: z.union([z.object({ version: z.number().int() }), z.object({ at: instant })]).nullable(),
    }),
    state: nominationStateSchema,
  }),
);

const hashVersionsSchema = z
  .object({ 1: z.number().int(), 2: z.number().int() })
  .meta({ description: 'events verified under each hash version: 1 leaves recorded_at out of the hash, 2 covers it' });

const ANCHOR_PROBLEM_REASONS = [
  'stream_deleted',
  'stream_truncated',
  'checkpoint_hash_mismatch',
  'checkpoint_signature_invalid',
] as const;

const anchorProblemSchema = z.object({
  streamName: z.string(),
  reason: z.enum(ANCHOR_PROBLEM_REASONS),
  version: z
    .number()
    .int()
    .meta({ description: "the checkpoint's version, or the first one missing from a truncated or deleted stream" }),
  eventId: z.string().nullable().meta({ description: 'the stored event at that version; null when it is gone' }),
  message: z.string(),
});

const chainBreakSchema = z.object({
  version: z.number().int(),
  eventId: z.string(),
  reason: z.enum(CHAIN_BREAK_REASONS),
});

export const nominationVerificationSchema = named(
  'NominationVerification',
  z.object({
    nominationId: z.string(),
    ok: z.boolean().meta({ description: 'the chain holds and reconciliation found nothing' }),
    chain: z.object({
      ok: z.boolean(),
      events: z.number().int(),
      hashVersions: hashVersionsSchema,
      firstBroken: chainBreakSchema.nullable(),
    }),
    anchor: z.object({
      checkpoint: z
        .object({ version: z.number().int(), hash: z.string(), recordedAt: z.string(), keyId: z.string() })
        .nullable()
        .meta({ description: "the stream's signed head; null before the API has signed one" }),
      problem: anchorProblemSchema.nullable(),
    }),
    reconciliation: z.object({
      ok: z.boolean(),
      status: z
        .enum(['checked', 'unavailable'])
        .meta({ description: 'unavailable: Temporal no longer has the workflow; only the chain was checked' }),
      workflowId: z.string(),
      runId: z.string().nullable(),
      runs: z.number().int().meta({ description: 'Temporal runs reconciled (0 when unavailable)' }),
      problems: z.array(
        z.object({
          code: z.enum(RECONCILIATION_PROBLEM_CODES),
          message: z.string(),
          version: z.number().int().optional(),
          eventId: z.string().optional(),
          causationId: z.string().optional(),
          updateId: z.string().optional(),
          path: z.string().optional(),
        }),
      ),
      counts: z
        .object({
          events: z.number().int(),
          updates: z.number().int(),
          failedUpdates: z.number().int(),
          pendingUpdates: z.number().int(),
          timersFired: z.number().int(),
          timerCausedGroups: z.number().int(),
        })
        .nullable(),
    }),
    firstBroken: z
      .object({
        version: z.number().int(),
        eventId: z.string(),
        reason: z.enum([...CHAIN_BREAK_REASONS, ...RECONCILIATION_PROBLEM_CODES]),
        message: z.string(),
      })
      .nullable(),
  }),
);

export const storeVerificationSchema = named(
  'StoreVerification',
  z.object({
    ok: z.boolean(),
    events: z.number().int(),
    streams: z.number().int(),
    brokenStreams: z.number().int(),
    failures: z.array(z.object({ nominationId: z.string(), streamName: z.string(), firstBroken: chainBreakSchema })),
    unsignedBeforeSigning: z.number().int().meta({
      description: "people's actions recorded before signing began: no proof to check, not a failure",
    }),
    checkpoints: z.number().int().meta({ description: 'signed checkpoints compared with the store' }),
    anchorFailures: z.array(anchorProblemSchema.extend({ nominationId: z.string() })),
    hashVersions: hashVersionsSchema,
    position: position.meta({ description: 'the verification covers every event up to here' }),
  }),
);

/** A progress line of `GET /audit/verify` with `Accept: application/x-ndjson`; the last line is the result. */
export const verifyProgressSchema = named(
  'VerifyProgress',
  z.object({
    done: z.number().int().meta({ description: 'events checked so far' }),
    streams: z.number().int(),
    brokenStreams: z.number().int(),
  }),
);

/** One line of the NDJSON export: the event as the history shows it, with its nomination. */
export const auditExportLineSchema = named(
  'AuditExportLine',
  auditEventViewSchema.extend({ nominationId: z.string() }),
);

/** One line of GET /audit/checkpoints: a stream's head, signed (infra/audit/checkpoints.ts). */
export const checkpointLineSchema = named(
  'StreamCheckpoint',
  z.object({
    nominationId: z.string(),
    streamName: z.string(),
    version: z.number().int().meta({ description: "the stream's version when checkpointed" }),
    hash: z.string().meta({ description: 'the stored hash of the event at that version' }),
    recordedAt: z.string().meta({ description: 'when the API signed it' }),
    keyId: z.string(),
    signature: z.string().meta({
      description: 'Ed25519, base64, over "laurel-stream-checkpoint-v1\\n" and the canonical JSON of the rest',
    }),
  }),
);

export type AuditEventDescribed = Described<AuditEventView, typeof auditEventViewSchema>;
export type HistoryPageDescribed = Described<HistoryPage, typeof historyPageSchema>;
export type StateAtDescribed = Described<StateAt, typeof stateAtSchema>;
export type NominationVerificationDescribed = Described<NominationVerification, typeof nominationVerificationSchema>;
export type StoreVerificationDescribed = Described<StoreVerification, typeof storeVerificationSchema>;
export type VerifyProgressDescribed = Described<VerifyAllProgress, typeof verifyProgressSchema>;
export type CheckpointLineDescribed = Described<CheckpointLine, typeof checkpointLineSchema>;
export type AuditExportLineDescribed = Described<
  AuditEventView & { readonly nominationId: string },
  typeof auditExportLineSchema
>;
