import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { ReadModels, RebuildSummary } from '../projections/read-models';
import { PROJECTIONS } from '../tokens';
import { RebuildProjectionsCommand } from './rebuild-projections.command';

@CommandHandler(RebuildProjectionsCommand)
export class RebuildProjectionsHandler implements ICommandHandler<RebuildProjectionsCommand> {
  constructor(
    @Inject(PROJECTIONS) private readonly readModels: ReadModels,
    @InjectPinoLogger(RebuildProjectionsHandler.name) private readonly logger: PinoLogger,
  ) {}

  async execute({ onProgress }: RebuildProjectionsCommand): Promise<RebuildSummary> {
    this.logger.info('rebuilding the read models');
    const summary = await this.readModels.rebuild(onProgress);
    this.logger.info(summary, 'read models rebuilt');
    return summary;
  }
}
