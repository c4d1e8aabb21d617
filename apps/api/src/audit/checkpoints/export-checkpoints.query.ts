import { Query } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user';

/** One signed stream head, as exported (infra/audit/checkpoints.ts). */
export interface CheckpointLine {
  readonly nominationId: string;
  readonly streamName: string;
  readonly version: number;
  readonly hash: string;
  readonly recordedAt: string;
  readonly keyId: string;
  readonly signature: string;
}

export interface CheckpointExport {
  readonly lines: AsyncIterable<string>;
}

/** Every nomination stream's signed checkpoint, as NDJSON, for an auditor to keep outside Laurel. */
export class ExportCheckpoints extends Query<CheckpointExport> {
  constructor(readonly user: AuthenticatedUser) {
    super();
  }
}
