import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Directory } from '@laurel/infra/directory';
import type { TokenVerifier } from '../auth/token-verifier';
import { DIRECTORY, TOKEN_VERIFIER } from '../tokens';
import { GetMeQuery, type Me } from './get-me.query';

function place(entry: { readonly id: string; readonly name: string } | undefined): Me['unit'] {
  return entry === undefined ? null : { id: entry.id, name: entry.name };
}

@QueryHandler(GetMeQuery)
export class GetMeHandler implements IQueryHandler<GetMeQuery> {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async execute({ user }: GetMeQuery): Promise<Me> {
    const { unitId, blockId, province } = user;
    // An OIDC token may name a unit or block the directory does not know: the ids stay, the names are null.
    return {
      userId: user.userId,
      displayName: user.name,
      role: user.role,
      unitId: unitId ?? null,
      blockId: blockId ?? null,
      provinceId: province ?? null,
      unit: place(unitId === undefined ? undefined : this.directory.unit(unitId)),
      block: place(blockId === undefined ? undefined : this.directory.block(blockId)),
      province: place(province === undefined ? undefined : this.directory.province(province)),
      authentication: this.verifier.mode,
    };
  }
}
