import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { verifyPassword, type Directory } from '@laurel/infra/directory';
import { ApiError } from '../common/api-error';
import { ApiErrorCode } from '../common/error-codes';
import { DIRECTORY, TOKEN_ISSUER } from '../tokens';
import type { AccessToken, TokenIssuer } from './embedded-tokens';
import { IssueAccessToken } from './issue-access-token.command';

// Verified when the username is unknown, so that a miss costs as much as a wrong password.
const DECOY_HASH = 'scrypt$16384$8$1$bGF1cmVsLWRlY295LXNhbHQ$0000000000000000000000000000000000000000000';

@CommandHandler(IssueAccessToken)
export class IssueAccessTokenHandler implements ICommandHandler<IssueAccessToken> {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(TOKEN_ISSUER) private readonly issuer: TokenIssuer | null,
  ) {}

  async execute({ request }: IssueAccessToken): Promise<AccessToken> {
    if (!this.issuer) {
      throw new ApiError(
        404,
        ApiErrorCode.EMBEDDED_LOGIN_DISABLED,
        'embedded login is disabled: sign in with the organisation’s identity provider',
      );
    }
    const user = this.directory.findUserByUsername(request.username);
    const valid = await verifyPassword(request.password, user?.passwordHash ?? DECOY_HASH);
    if (!user || !user.passwordHash || !valid) {
      throw new ApiError(401, ApiErrorCode.INVALID_CREDENTIALS, 'unknown username or wrong password');
    }
    return this.issuer.issue(user);
  }
}
