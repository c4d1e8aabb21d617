import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { IssueAccessTokenHandler } from './issue-access-token.handler';
import { LoginThrottlerGuard } from './login-throttler.guard';

@Module({
  controllers: [AuthController],
  providers: [IssueAccessTokenHandler, LoginThrottlerGuard],
})
export class AuthModule {}
