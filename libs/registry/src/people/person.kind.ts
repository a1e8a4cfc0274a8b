import type { RecordKind } from '@app/platform';
import { districtScope } from '../access/district-scope';
import type { PersonDto } from './dto/person.dto';
import { toPersonDto } from './person.mapper';
import { PersonEntity } from './person.entity';

/** A person lies in a district through their organisation's admin unit. */
export const PERSON: RecordKind<PersonEntity, PersonDto> = {
  entityType: 'person',
  label: 'Person',
  entity: PersonEntity,
  toDto: toPersonDto,
  scopes: {
    district: districtScope(
      '(SELECT so.admin_unit_id FROM organisation so WHERE so.id = r.organisation_id)',
      'organisationId',
      'must be an organisation of your district',
    ),
  },
  describe: (p) => p.fullName,
};
