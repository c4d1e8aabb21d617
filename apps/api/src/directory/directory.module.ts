import { Module } from '@nestjs/common';
import { DirectoryController } from './directory.controller';
import { GetDirectoryHandler } from './get-directory.handler';

@Module({
  controllers: [DirectoryController],
  providers: [GetDirectoryHandler],
})
export class DirectoryModule {}
