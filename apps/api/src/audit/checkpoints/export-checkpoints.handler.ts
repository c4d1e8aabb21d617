import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { StreamCheckpoint } from '@laurel/infra/audit/checkpoints';
import type { Stores } from '@laurel/infra/runtime/stores';
import { STORES } from '../../tokens';
import { assertAuditReader, auditProvince } from '../../access/read-access';
import { ExportCheckpoints, type CheckpointExport, type CheckpointLine } from './export-checkpoints.query';

const NOMINATION_PREFIX = 'nomination-';

@QueryHandler(ExportCheckpoints)
export class ExportCheckpointsHandler implements IQueryHandler<ExportCheckpoints> {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  async execute(query: ExportCheckpoints): Promise<CheckpointExport> {
    assertAuditReader(query.user, 'export the checkpoints');
    return { lines: this.lines(auditProvince(query.user)) };
  }

  private async *lines(province: string | undefined): AsyncGenerator<string> {
    for await (const checkpoint of this.stores.checkpoints.list({ streamPrefixes: [NOMINATION_PREFIX] })) {
      // Scoped like the export: an auditor, its own province, read from the stream's first event. A deleted
      // stream has no province left, so only an admin's export (and /audit/verify) still shows it.
      if (province !== undefined && (await this.provinceOf(checkpoint)) !== province) continue;
      const line: CheckpointLine = {
        nominationId: checkpoint.streamName.slice(NOMINATION_PREFIX.length),
        ...checkpoint,
      };
      yield `${JSON.stringify(line)}\n`;
    }
  }

  private async provinceOf(checkpoint: StreamCheckpoint): Promise<unknown> {
    for await (const first of this.stores.events.readStream(checkpoint.streamName, { maxCount: 1 })) {
      return first.type === 'NominationDrafted' ? first.data['province'] : undefined;
    }
    return undefined;
  }
}
