import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { DossiersService } from './dossiers.service';

/**
 * A dossier batch runs in the API process that was asked for it; when that
 * process stops half-way, the next API to start finishes it (DossiersService
 * .resumeUnfinished), so nobody has to notice and ask again. It runs after
 * start-up, not before: the API answers meanwhile, and a person who asks for
 * the same batch gets the same per-item answers (the items' keys are the batch's).
 */
@Injectable()
export class DossierBatchResumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private running: Promise<void> | undefined;
  private stopping = false;
  // A stop does not wait out the start's wait for older store transactions.
  private readonly stop = new AbortController();

  constructor(
    private readonly dossiers: DossiersService,
    @InjectPinoLogger(DossierBatchResumer.name) private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.dossiers
      .resumeUnfinished(this.stop.signal)
      .then(({ resumed, left, settled }) => {
        if (!settled && !this.stopping) {
          this.logger.warn(
            'a store transaction older than this start was still running: a batch it holds waits for the next start',
          );
        }
        if (resumed.length > 0) this.logger.info(`finished ${resumed.length} interrupted dossier batch(es)`);
        for (const l of left) this.logger.warn(`dossier ${l.dossierId}: batch left unfinished: ${l.reason}`);
      })
      .catch((error: unknown) => {
        if (!this.stopping) this.logger.warn(`interrupted dossier batches not finished yet: ${String(error)}`);
      });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.stop.abort();
    await this.running;
  }
}
