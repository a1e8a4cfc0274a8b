import type { RecordKind } from '@app/platform';
import { districtScope } from '../access/district-scope';
import type { OrganisationDto } from './dto/organisation.dto';
import { toOrganisationDto } from './organisation.mapper';
import { OrganisationEntity } from './organisation.entity';

/**
 * District officers reach the organisations of their district and its communes; those with no
 * unit and province-level ones (the Department) are outside every district.
 */
export const ORGANISATION: RecordKind<OrganisationEntity, OrganisationDto> = {
  entityType: 'organisation',
  label: 'Organisation',
  entity: OrganisationEntity,
  toDto: toOrganisationDto,
  scopes: { district: districtScope('r.adminUnitId', 'adminUnitId') },
  describe: (o) => o.name,
};
