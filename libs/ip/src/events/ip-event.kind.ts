import type { RecordKind } from '@app/platform';
import { districtScope } from '@app/registry';
import { IP_REGISTRATION } from '../registrations/ip-registration.kind';
import type { IpEventDto } from './dto/ip-event.dto';
import { toIpEventDtos } from './ip-event.mapper';
import { IpEventEntity } from './ip-event.entity';

/** The locality of the event's registration, as SQL. */
const localityOfRegistration =
  '(SELECT ir.admin_unit_id FROM ip_registration ir WHERE ir.id = r.registration_id)';

/** An event belongs to its registration: reached through it, in its district, hidden with it. */
export const IP_EVENT: RecordKind<IpEventEntity, IpEventDto> = {
  entityType: 'ip_event',
  label: 'IP registration event',
  entity: IpEventEntity,
  async toDto(event, { manager }) {
    return (await toIpEventDtos(manager, [event]))[0];
  },
  scopes: {
    district: districtScope(
      localityOfRegistration,
      'registrationId',
      'must be a registration of your district',
    ),
  },
  parent: { kind: IP_REGISTRATION, property: 'registrationId' },
  describe: (e) => `${e.type} ${e.date}`,
};
