import { setTimeout as sleep } from 'node:timers/promises';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GENESIS_HASH } from '@laurel/infra/audit/hash';
import { pendingUpdateCount, reconcile, type ReconciliationProblem } from '@laurel/infra/audit/reconcile';
import type { ActionVerifier } from '@laurel/infra/audit/action-proof';
import {
  checkAnchor,
  checkLink,
  checkProof,
  storedHeadOf,
  type ChainBreak,
  type ProofState,
} from '@laurel/infra/audit/verify';
import type { RecordedEvent } from '@laurel/infra/event-store/port';
import type { Stores } from '@laurel/infra/runtime/stores';
import { nominationStreamName, nominationWorkflowId } from '@laurel/workflows/nomination/messages';
import { STORES } from '../../tokens';
import { assertAuditReader, assertMayReadNomination } from '../../access/read-access';
import { assertNominationId, notFound, readNomination } from '../audit-events';
import { ACTION_VERIFIER, WORKFLOW_RECORDS } from '../audit.tokens';
import type { WorkflowRecord, WorkflowRecords } from './workflow-records';
import {
  VerifyNomination,
  type AnchorReport,
  type BrokenEvent,
  type ChainReport,
  type NominationVerification,
  type ReconciliationReport,
} from './verify-nomination.query';

/** Reads of the stream and of Temporal that raced an action are retried this often before comparing anyway. */
const SNAPSHOT_ATTEMPTS = 4;
const SNAPSHOT_RETRY_MS = 250;

/** The same checks as `verifyStream`, over the events already read, so chain and reconciliation judge one snapshot. */
export function verifyChain(events: readonly RecordedEvent[], verifier?: ActionVerifier): ChainReport {
  let previousVersion = 0;
  let previousHash = GENESIS_HASH;
  const proofs: ProofState = { signingBegan: false };
  const versions = { state: { v2Began: false }, counts: { 1: 0, 2: 0 } };
  for (const event of events) {
    const reason =
      checkLink(event, previousVersion, previousHash, versions) ??
      (verifier && checkProof(event, verifier, proofs).reason);
    if (reason) {
      const firstBroken: ChainBreak = { version: event.version, eventId: event.id, reason };
      return { ok: false, events: events.length, hashVersions: versions.counts, firstBroken };
    }
    previousVersion = event.version;
    previousHash = event.metadata['hash'] as string;
  }
  return { ok: true, events: events.length, hashVersions: versions.counts, firstBroken: null };
}

function lastVersion(events: readonly RecordedEvent[]): number {
  return events.length > 0 ? events[events.length - 1]!.version : 0;
}

function stateVersion(state: unknown): number | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const version = (state as { version?: unknown }).version;
  return typeof version === 'number' ? version : undefined;
}

function brokenEvent(chain: ChainReport, problems: readonly ReconciliationProblem[]): BrokenEvent | null {
  if (chain.firstBroken) {
    const { version, eventId, reason } = chain.firstBroken;
    return { version, eventId, reason, message: `hash chain broken at version ${version}: ${reason}` };
  }
  const named = problems.find((p) => p.version !== undefined && p.eventId !== undefined);
  if (!named) return null;
  return { version: named.version!, eventId: named.eventId!, reason: named.code, message: named.message };
}

@QueryHandler(VerifyNomination)
export class VerifyNominationHandler implements IQueryHandler<VerifyNomination> {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    @Inject(WORKFLOW_RECORDS) private readonly workflows: WorkflowRecords,
    @Inject(ACTION_VERIFIER) private readonly verifier: ActionVerifier,
  ) {}

  async execute(query: VerifyNomination): Promise<NominationVerification> {
    const { nominationId } = query;
    assertNominationId(nominationId);
    assertAuditReader(query.user, 'verify nominations');
    // Read before the stream, so the event it names was stored before the read began.
    const checkpoint = await this.stores.checkpoints.get(nominationStreamName(nominationId));
    const snapshot = await this.snapshot(nominationId);
    const { events } = snapshot;
    let { record } = snapshot;
    if (events.length === 0) {
      if (!checkpoint) throw notFound(nominationId);
      // Deleted: no first event is left to scope by, and the verdict tells only that it existed.
      record = await this.workflows.read(nominationId);
    } else {
      assertMayReadNomination(query.user, events[0]!, 'verify');
    }

    const chain = verifyChain(events, this.verifier);
    const anchor: AnchorReport = {
      checkpoint: checkpoint
        ? {
            version: checkpoint.version,
            hash: checkpoint.hash,
            recordedAt: checkpoint.recordedAt,
            keyId: checkpoint.keyId,
          }
        : null,
      problem: checkpoint
        ? (checkAnchor(checkpoint, storedHeadOf(events, checkpoint.version), this.verifier) ?? null)
        : null,
    };
    const workflowId = nominationWorkflowId(nominationId);
    let reconciliation: ReconciliationReport;
    if (!record) {
      reconciliation = {
        ok: false,
        status: 'unavailable',
        workflowId,
        runId: null,
        runs: 0,
        problems: [
          {
            code: 'workflow_unavailable',
            message: `Temporal has no workflow ${workflowId} (never started, or deleted after retention): only the chain was checked`,
          },
        ],
        counts: null,
      };
    } else {
      const result = reconcile({
        workflowId: record.workflowId,
        runId: record.runId,
        events,
        history: record.history,
        ...(record.earlierRuns ? { earlierRuns: record.earlierRuns } : {}),
        workflowState: record.state,
        decodePayload: record.decodePayload,
      });
      const problems = record.stateError
        ? result.problems.map((p) =>
            p.code === 'state_unavailable' ? { ...p, message: `${p.message}: ${record.stateError}` } : p,
          )
        : result.problems;
      reconciliation = {
        ok: result.ok,
        status: 'checked',
        workflowId,
        runId: record.runId,
        runs: (record.earlierRuns?.length ?? 0) + 1,
        problems,
        counts: result.counts,
      };
    }
    const ok = chain.ok && anchor.problem === null && (reconciliation.ok || reconciliation.status === 'unavailable');
    return {
      nominationId,
      ok,
      chain,
      anchor,
      reconciliation,
      firstBroken: brokenEvent(chain, reconciliation.problems),
    };
  }

  /**
   * The stream and the workflow read so that they describe the same moment:
   * an action landing between the two reads would otherwise look like an
   * event without an update, or an update without events.
   */
  private async snapshot(nominationId: string): Promise<{ events: RecordedEvent[]; record?: WorkflowRecord }> {
    const streamName = nominationStreamName(nominationId);
    for (let attempt = 1; ; attempt++) {
      const events = await readNomination(this.stores.events, nominationId);
      if (events.length === 0) return { events };
      const record = await this.workflows.read(nominationId);
      if (!record) return { events };
      const head = await this.stores.events.streamVersion(streamName);
      const queried = stateVersion(record.state);
      const settled =
        head === lastVersion(events) &&
        (queried === undefined || queried === head) &&
        pendingUpdateCount(record.history) === 0;
      if (settled || attempt >= SNAPSHOT_ATTEMPTS) return { events, record };
      await sleep(SNAPSHOT_RETRY_MS);
    }
  }
}
