import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ReadYourWritesInterceptor } from '../projections/read-your-writes.interceptor';
import { AchievementReservations } from './achievement-reservations';
import { CastBlockVoteHandler } from './cast-block-vote/cast-block-vote.handler';
import { CloseBlockVoteHandler } from './close-block-vote/close-block-vote.handler';
import { CloseCouncilReviewHandler } from './close-council-review/close-council-review.handler';
import { DraftNominationHandler } from './draft-nomination/draft-nomination.handler';
import { EditDraftHandler } from './edit-draft/edit-draft.handler';
import { GetNominationActionsHandler } from './get-nomination-actions/get-nomination-actions.handler';
import { GetNominationHandler } from './get-nomination.handler';
import { IssueDecisionHandler } from './issue-decision/issue-decision.handler';
import { ListNominationsHandler } from './list-nominations.handler';
import { NominationWorkflows } from './nomination-workflows';
import { NominationsController } from './nominations.controller';
import { PlaceOnHoldHandler } from './place-on-hold/place-on-hold.handler';
import { ProvideSupplementHandler } from './provide-supplement/provide-supplement.handler';
import { RecordCouncilOpinionHandler } from './record-council-opinion/record-council-opinion.handler';
import { ReleaseHoldHandler } from './release-hold/release-hold.handler';
import { RevokeAwardHandler } from './revoke-award/revoke-award.handler';
import { RequestSupplementHandler } from './request-supplement/request-supplement.handler';
import { SubmitNominationHandler } from './submit-nomination/submit-nomination.handler';
import { WithdrawNominationHandler } from './withdraw-nomination/withdraw-nomination.handler';

@Module({
  imports: [CampaignsModule],
  controllers: [NominationsController],
  providers: [
    NominationWorkflows,
    AchievementReservations,
    ReadYourWritesInterceptor,
    DraftNominationHandler,
    EditDraftHandler,
    SubmitNominationHandler,
    WithdrawNominationHandler,
    CastBlockVoteHandler,
    CloseBlockVoteHandler,
    RecordCouncilOpinionHandler,
    CloseCouncilReviewHandler,
    RequestSupplementHandler,
    ProvideSupplementHandler,
    PlaceOnHoldHandler,
    ReleaseHoldHandler,
    IssueDecisionHandler,
    RevokeAwardHandler,
    ListNominationsHandler,
    GetNominationHandler,
    GetNominationActionsHandler,
  ],
  exports: [NominationWorkflows],
})
export class NominationsModule {}
