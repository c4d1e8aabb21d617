import { Command } from '@nestjs/cqrs';
import { z } from 'zod';
import { named, type Described } from '../common/openapi';
import type { AccessToken } from './embedded-tokens';

export const loginRequestSchema = z
  .object({
    username: z.string().trim().min(1).max(200),
    password: z.string().min(1).max(1000),
  })
  .strict();

export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const accessTokenSchema = named(
  'AccessToken',
  z.object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().meta({ description: 'seconds until the token expires' }),
  }),
);

export type AccessTokenDescribed = Described<AccessToken, typeof accessTokenSchema>;

/** Embedded login: username and password against the directory's scrypt hashes. */
export class IssueAccessToken extends Command<AccessToken> {
  constructor(readonly request: LoginRequest) {
    super();
  }
}
