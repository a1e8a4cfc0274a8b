import type { EntityManager } from 'typeorm';
import { recordFields } from '@app/platform';
import { RegistryRefs } from '@app/registry';
import type { ProgrammeDto } from './dto/programme.dto';
import type { ProgrammeEntity } from './programme.entity';

export function toProgrammeDto(p: ProgrammeEntity, refs: RegistryRefs): ProgrammeDto {
  return Object.assign(recordFields(p), {
    code: p.code,
    name: p.name,
    ownerOrganisationId: p.ownerOrganisationId,
    ownerOrganisation: refs.organisation(p.ownerOrganisationId),
    startYear: p.startYear,
    endYear: p.endYear,
    description: p.description,
  });
}

/** Programmes as shown, their owners named in one query. */
export async function toProgrammeDtos(
  manager: EntityManager,
  programmes: ProgrammeEntity[],
): Promise<ProgrammeDto[]> {
  const refs = await RegistryRefs.load(manager, {
    organisations: programmes.map((p) => p.ownerOrganisationId),
  });
  return programmes.map((p) => toProgrammeDto(p, refs));
}
