import { recordFields } from '@app/platform';
import type { OrganisationDto } from './dto/organisation.dto';
import type { OrganisationEntity } from './organisation.entity';

export function toOrganisationDto(o: OrganisationEntity): OrganisationDto {
  return Object.assign(recordFields(o), {
    name: o.name,
    shortName: o.shortName,
    kind: o.kind,
    adminUnitId: o.adminUnitId,
    parentId: o.parentId,
  });
}
