import { Module } from '@nestjs/common';
import { registerRecordKind } from '@app/platform';
import { ProjectsModule } from '@app/projects';
import { RegistryModule } from '@app/registry';
import { IpEventsController } from './events/ip-events.controller';
import { IpEventsService } from './events/ip-events.service';
import { IP_REGISTRATION } from './registrations/ip-registration.kind';
import { IpRegistrationsController } from './registrations/ip-registrations.controller';
import { IpRegistrationsService } from './registrations/ip-registrations.service';

// Tasks may concern a registration (subjectType `ip_registration`).
registerRecordKind(IP_REGISTRATION);

/** Trademark, collective mark, certification mark and geographical indication registrations. */
@Module({
  imports: [RegistryModule, ProjectsModule],
  controllers: [IpRegistrationsController, IpEventsController],
  providers: [IpRegistrationsService, IpEventsService],
  exports: [IpRegistrationsService, IpEventsService],
})
export class IpModule {}
