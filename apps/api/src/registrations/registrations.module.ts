import { Module } from '@nestjs/common';
import { RegistrationsController } from './registrations.controller';
import { RegistrationsService } from './registrations.service';

/** Exports the service: a submission reads the nominee's registration when its province's rules ask for one. */
@Module({ controllers: [RegistrationsController], providers: [RegistrationsService], exports: [RegistrationsService] })
export class RegistrationsModule {}
