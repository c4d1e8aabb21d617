import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { ReadYourWritesInterceptor } from '../projections/read-your-writes.interceptor';
import { DraftNominationHandler } from './draft-nomination/draft-nomination.handler';
import { EditDraftHandler } from './edit-draft/edit-draft.handler';
import { GetNominationActionsHandler } from './get-nomination-actions/get-nomination-actions.handler';
import { GetNominationHandler } from './get-nomination.handler';
import { GetActionOutcomeHandler } from './get-action-outcome/get-action-outcome.handler';
import { RequestDeadlineInterceptor } from '../common/request-deadline';
import { ListNominationsHandler } from './list-nominations.handler';
import { NominationWorkflows } from './nomination-workflows';
import { NominationsController } from './nominations.controller';
import { RevokeAwardHandler } from './revoke-award/revoke-award.handler';
import { RequestSupplementHandler } from './request-supplement/request-supplement.handler';
import { TableActionHandler } from './table-action/table-action.handler';
import { SubmitNominationHandler } from './submit-nomination/submit-nomination.handler';

@Module({
  imports: [CampaignsModule, RegistrationsModule],
  controllers: [NominationsController],
  providers: [
    NominationWorkflows,
    ReadYourWritesInterceptor,
    DraftNominationHandler,
    EditDraftHandler,
    SubmitNominationHandler,
    RequestSupplementHandler,
    RevokeAwardHandler,
    TableActionHandler,
    ListNominationsHandler,
    GetNominationHandler,
    GetNominationActionsHandler,
    GetActionOutcomeHandler,
    RequestDeadlineInterceptor,
  ],
  exports: [NominationWorkflows],
})
export class NominationsModule {}
