import { Command } from '@nestjs/cqrs';
import type { RebuildProgressLine, RebuildSummary } from '../projections/read-models';

/** Drops and rebuilds the read models from the event store (admins; `laurel projections rebuild`). */
export class RebuildProjectionsCommand extends Command<RebuildSummary> {
  constructor(readonly onProgress: (progress: RebuildProgressLine) => void) {
    super();
  }
}
