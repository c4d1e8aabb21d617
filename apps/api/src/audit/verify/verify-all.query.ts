import { Query } from '@nestjs/cqrs';
import type { AnchorProblem, ChainBreak, HashVersionCounts } from '@laurel/infra/audit/verify';
import type { AuthenticatedUser } from '../../auth/authenticated-user';

export interface VerifyAllProgress {
  /** Events checked so far. */
  readonly done: number;
  readonly streams: number;
  readonly brokenStreams: number;
}

export interface StoreVerification {
  readonly ok: boolean;
  readonly events: number;
  readonly streams: number;
  readonly brokenStreams: number;
  readonly failures: readonly {
    readonly nominationId: string;
    readonly streamName: string;
    readonly firstBroken: ChainBreak;
  }[];
  /** People's actions recorded before signing began (they carry no proof): reported, not failures. */
  readonly unsignedBeforeSigning: number;
  /** Signed checkpoints compared with the store. */
  readonly checkpoints: number;
  /** Streams the store and their checkpoints disagree on: deleted, truncated or rewritten. */
  readonly anchorFailures: readonly (AnchorProblem & { readonly nominationId: string })[];
  /** Events verified under each hash version (infra/audit/hash.ts). */
  readonly hashVersions: HashVersionCounts;
  /** The store position read up to: the verification covers every event up to here. */
  readonly position: string;
}

/** The hash chain of every nomination stream in one pass (`verifyAll`). */
export class VerifyAllNominations extends Query<StoreVerification> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly onProgress?: (progress: VerifyAllProgress) => void,
  ) {
    super();
  }
}
