import { Module } from '@nestjs/common';
import { CampaignWorkflows } from './campaign-workflows';
import { CampaignsController } from './campaigns.controller';
import { ChangeCampaignHandler } from './change-campaign/change-campaign.handler';
import { CreateCampaignHandler } from './create-campaign/create-campaign.handler';
import { GetCampaignHandler, ListCampaignsHandler } from './get-campaign/get-campaign.handler';

@Module({
  controllers: [CampaignsController],
  providers: [
    CampaignWorkflows,
    CreateCampaignHandler,
    ChangeCampaignHandler,
    GetCampaignHandler,
    ListCampaignsHandler,
  ],
  exports: [CampaignWorkflows],
})
export class CampaignsModule {}
