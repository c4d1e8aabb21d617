import { Query } from '@nestjs/cqrs';
import type { StreamCheckpoint } from '@laurel/infra/audit/checkpoints';
import type { AnchorProblem, ChainBreak, ChainBreakReason, HashVersionCounts } from '@laurel/infra/audit/verify';
import type {
  ReconciliationCounts,
  ReconciliationProblem,
  ReconciliationProblemCode,
} from '@laurel/infra/audit/reconcile';
import type { AuthenticatedUser } from '../../auth/authenticated-user';

export interface ChainReport {
  readonly ok: boolean;
  readonly events: number;
  /** Events verified under each hash version, up to the first break. */
  readonly hashVersions: HashVersionCounts;
  readonly firstBroken: ChainBreak | null;
}

export interface ReconciliationReport {
  readonly ok: boolean;
  /**
   * `checked`: compared with the workflow's Temporal history and state.
   * `unavailable`: Temporal has no such workflow (never started, or deleted
   * after the namespace's retention); only the chain was checked.
   */
  readonly status: 'checked' | 'unavailable';
  readonly workflowId: string;
  readonly runId: string | null;
  /** Temporal runs reconciled: the latest and every earlier run it reopened (a revocation adds one). */
  readonly runs: number;
  readonly problems: readonly ReconciliationProblem[];
  readonly counts: ReconciliationCounts | null;
}

/** The first event found broken: by the chain first, else by reconciliation. */
export interface BrokenEvent {
  readonly version: number;
  readonly eventId: string;
  readonly reason: ChainBreakReason | ReconciliationProblemCode;
  readonly message: string;
}

/** The stream against its signed checkpoint (infra/audit/checkpoints.ts). */
export interface AnchorReport {
  /** Null when the stream has none yet (the API signs heads a moment after each append). */
  readonly checkpoint: Omit<StreamCheckpoint, 'streamName' | 'signature'> | null;
  readonly problem: AnchorProblem | null;
}

export interface NominationVerification {
  readonly nominationId: string;
  /**
   * True when the chain holds and reconciliation found nothing. A workflow
   * Temporal no longer has (`status: 'unavailable'`) does not fail it: the
   * chain is then the whole proof, and the report says so. A stream that
   * disagrees with its checkpoint fails it.
   */
  readonly ok: boolean;
  readonly chain: ChainReport;
  readonly anchor: AnchorReport;
  readonly reconciliation: ReconciliationReport;
  readonly firstBroken: BrokenEvent | null;
}

export class VerifyNomination extends Query<NominationVerification> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly nominationId: string,
  ) {
    super();
  }
}
