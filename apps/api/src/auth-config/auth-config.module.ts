import { Module } from '@nestjs/common';
import { AuthConfigController } from './auth-config.controller';
import { GetAuthConfigHandler } from './get-auth-config.handler';

@Module({ controllers: [AuthConfigController], providers: [GetAuthConfigHandler] })
export class AuthConfigModule {}
