export * from './ip.module';
export * from './rules/ip-kinds';
export * from './rules/ip-dates';
export * from './rules/application-number';
export * from './rules/ip-lifecycle';
export * from './registrations/ip-registration.entity';
export * from './registrations/ip-registration.kind';
export * from './registrations/ip-registration.mapper';
export * from './registrations/ip-registration.conditions';
export * from './registrations/ip-registrations.service';
export * from './registrations/dto/ip-registration.dto';
export * from './events/ip-event.entity';
export * from './events/ip-event.kind';
export * from './events/ip-event.mapper';
export * from './events/ip-events.service';
export * from './events/dto/ip-event.dto';

import { IpEventEntity } from './events/ip-event.entity';
import { IpRegistrationEntity } from './registrations/ip-registration.entity';

export const IP_ENTITIES = [IpRegistrationEntity, IpEventEntity];
