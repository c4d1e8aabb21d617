import { Module } from '@nestjs/common';
import { AwardsController } from './awards.controller';
import { ListAwardsHandler } from './list-awards.handler';

@Module({ controllers: [AwardsController], providers: [ListAwardsHandler] })
export class AwardsModule {}
