import { Command, CommandHandler, type ICommandHandler, IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { SessionActionResult } from '@laurel/workflows/session/messages';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { ItemPage } from '../projections/read-models';
import { BlockSessions } from './block-sessions.service';
import type { BlockSessionBody, CastBallotRequest, OpenBlockSessionRequest } from './session-schemas';

export class OpenBlockSessionCommand extends Command<BlockSessionBody> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly body: OpenBlockSessionRequest,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}

export class CastSessionBallotCommand extends Command<SessionActionResult> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly sessionId: string,
    readonly body: CastBallotRequest,
  ) {
    super();
  }
}

export class CloseBlockSessionCommand extends Command<SessionActionResult> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly sessionId: string,
  ) {
    super();
  }
}

export class GetBlockSessionQuery extends Query<BlockSessionBody> {
  constructor(
    readonly user: AuthenticatedUser,
    readonly sessionId: string,
    readonly page?: ItemPage,
  ) {
    super();
  }
}

export class ListBlockSessionsQuery extends Query<BlockSessionBody[]> {
  constructor(readonly user: AuthenticatedUser) {
    super();
  }
}

@CommandHandler(OpenBlockSessionCommand)
export class OpenBlockSessionHandler implements ICommandHandler<OpenBlockSessionCommand> {
  constructor(private readonly sessions: BlockSessions) {}
  execute({ user, body, idempotencyKey }: OpenBlockSessionCommand): Promise<BlockSessionBody> {
    return this.sessions.open(user, body, idempotencyKey);
  }
}

@CommandHandler(CastSessionBallotCommand)
export class CastSessionBallotHandler implements ICommandHandler<CastSessionBallotCommand> {
  constructor(private readonly sessions: BlockSessions) {}
  execute({ user, sessionId, body }: CastSessionBallotCommand): Promise<SessionActionResult> {
    return this.sessions.castBallot(user, sessionId, body);
  }
}

@CommandHandler(CloseBlockSessionCommand)
export class CloseBlockSessionHandler implements ICommandHandler<CloseBlockSessionCommand> {
  constructor(private readonly sessions: BlockSessions) {}
  execute({ user, sessionId }: CloseBlockSessionCommand): Promise<SessionActionResult> {
    return this.sessions.close(user, sessionId);
  }
}

@QueryHandler(GetBlockSessionQuery)
export class GetBlockSessionHandler implements IQueryHandler<GetBlockSessionQuery> {
  constructor(private readonly sessions: BlockSessions) {}
  execute({ user, sessionId, page }: GetBlockSessionQuery): Promise<BlockSessionBody> {
    return this.sessions.get(user, sessionId, page);
  }
}

@QueryHandler(ListBlockSessionsQuery)
export class ListBlockSessionsHandler implements IQueryHandler<ListBlockSessionsQuery> {
  constructor(private readonly sessions: BlockSessions) {}
  execute({ user }: ListBlockSessionsQuery): Promise<BlockSessionBody[]> {
    return this.sessions.list(user);
  }
}
