export * from './registry.module';
export * from './access/district-scope';
export * from './admin-units/admin-unit.entity';
export * from './admin-units/admin-unit.kind';
export * from './admin-units/admin-unit.mapper';
export * from './admin-units/admin-units.service';
export * from './admin-units/dto/admin-unit.dto';
export * from './admin-units/import/reference-files';
export * from './admin-units/import/admin-units-importer';
export * from './organisations/organisation.entity';
export * from './organisations/organisation.kind';
export * from './organisations/organisation.mapper';
export * from './organisations/organisations.service';
export * from './organisations/dto/organisation.dto';
export * from './people/person.entity';
export * from './people/person.kind';
export * from './people/person.mapper';
export * from './people/people.service';
export * from './people/dto/person.dto';

import { AdminUnitEntity, AdminUnitSuccessorEntity } from './admin-units/admin-unit.entity';
import { OrganisationEntity } from './organisations/organisation.entity';
import { PersonEntity } from './people/person.entity';

export const REGISTRY_ENTITIES = [
  AdminUnitEntity,
  AdminUnitSuccessorEntity,
  OrganisationEntity,
  PersonEntity,
];
export * from './names/registry-refs.dto';
