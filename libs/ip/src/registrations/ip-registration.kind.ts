import type { RecordKind } from '@app/platform';
import { districtScope } from '@app/registry';
import type { IpRegistrationDto } from './dto/ip-registration.dto';
import { toIpRegistrationDtos } from './ip-registration.mapper';
import { IpRegistrationEntity } from './ip-registration.entity';

/**
 * A registration lies in its locality: district officers reach those of their district and its
 * communes (another district's answer 404), and may place one only there.
 */
export const IP_REGISTRATION: RecordKind<IpRegistrationEntity, IpRegistrationDto> = {
  entityType: 'ip_registration',
  label: 'IP registration',
  entity: IpRegistrationEntity,
  async toDto(registration, { manager, today }) {
    return (await toIpRegistrationDtos(manager, [registration], today))[0];
  },
  scopes: { district: districtScope('r.adminUnitId', 'adminUnitId') },
  describe: (r) => r.name,
};
