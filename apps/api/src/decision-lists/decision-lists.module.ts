import { Module } from '@nestjs/common';
import { NominationsModule } from '../nominations/nominations.module';
import {
  DecisionListsController,
  GetDecisionListHandler,
  IssueDecisionListHandler,
  ListDecisionListsHandler,
} from './decision-lists.controller';
import { DecisionLists } from './decision-lists.service';

@Module({
  imports: [NominationsModule],
  controllers: [DecisionListsController],
  providers: [DecisionLists, IssueDecisionListHandler, GetDecisionListHandler, ListDecisionListsHandler],
})
export class DecisionListsModule {}
