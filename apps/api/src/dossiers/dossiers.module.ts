import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { DossierBatchResumer } from './dossier-batch-resumer';
import { DossierBatches } from './dossier-batches';
import { DossierStream } from './dossier-stream';
import { DossierViews } from './dossier-views';
import { DossiersController } from './dossiers.controller';
import { DossiersService } from './dossiers.service';

@Module({
  imports: [CampaignsModule],
  controllers: [DossiersController],
  providers: [DossierStream, DossierBatches, DossierViews, DossiersService, DossierBatchResumer],
})
export class DossiersModule {}
