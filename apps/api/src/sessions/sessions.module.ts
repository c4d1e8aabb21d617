import { Module } from '@nestjs/common';
import { NominationsModule } from '../nominations/nominations.module';
import {
  CastSessionBallotHandler,
  CloseBlockSessionHandler,
  GetBlockSessionHandler,
  ListBlockSessionsHandler,
  OpenBlockSessionHandler,
} from './block-session.commands';
import { BlockSessions } from './block-sessions.service';
import { BlockSessionsController } from './block-sessions.controller';

@Module({
  imports: [NominationsModule],
  controllers: [BlockSessionsController],
  providers: [
    BlockSessions,
    OpenBlockSessionHandler,
    CastSessionBallotHandler,
    CloseBlockSessionHandler,
    GetBlockSessionHandler,
    ListBlockSessionsHandler,
  ],
})
export class SessionsModule {}
