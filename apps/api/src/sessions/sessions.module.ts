import { Module } from '@nestjs/common';
import { NominationsModule } from '../nominations/nominations.module';
import { ReadYourWritesInterceptor } from '../projections/read-your-writes.interceptor';
import {
  CastSessionBallotHandler,
  CloseBlockSessionHandler,
  GetBlockSessionHandler,
  ListBlockSessionsHandler,
  OpenBlockSessionHandler,
} from './block-session.commands';
import { BlockSessions } from './block-sessions.service';
import { BlockSessionsController } from './block-sessions.controller';
import {
  CouncilSessionHandler,
  CouncilSessionsController,
  GetCouncilSessionHandler,
  ListCouncilSessionsHandler,
} from './council-sessions.controller';
import { CouncilSessions } from './council-sessions.service';

@Module({
  imports: [NominationsModule],
  controllers: [BlockSessionsController, CouncilSessionsController],
  providers: [
    BlockSessions,
    CouncilSessions,
    CouncilSessionHandler,
    GetCouncilSessionHandler,
    ListCouncilSessionsHandler,
    OpenBlockSessionHandler,
    CastSessionBallotHandler,
    CloseBlockSessionHandler,
    GetBlockSessionHandler,
    ListBlockSessionsHandler,
    ReadYourWritesInterceptor,
  ],
})
export class SessionsModule {}
