import { recordFields } from '@app/platform';
import type { PersonDto } from './dto/person.dto';
import type { PersonEntity } from './person.entity';

export function toPersonDto(p: PersonEntity): PersonDto {
  return Object.assign(recordFields(p), {
    fullName: p.fullName,
    position: p.position,
    organisationId: p.organisationId,
    email: p.email,
    phone: p.phone,
  });
}
