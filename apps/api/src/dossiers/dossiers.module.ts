import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { DossierBatchResumer } from './dossier-batch-resumer';
import { DossiersController } from './dossiers.controller';
import { DossiersService } from './dossiers.service';

@Module({
  imports: [CampaignsModule],
  controllers: [DossiersController],
  providers: [DossiersService, DossierBatchResumer],
})
export class DossiersModule {}
