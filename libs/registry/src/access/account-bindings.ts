import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AccountBinding, AccountBindings, RequestValidationError } from '@app/platform';
import { AdminUnitEntity } from '../admin-units/admin-unit.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';

/** What accounts are bound to lives in the registry: an organisation, a district or a commune. */
@Injectable()
export class RegistryAccountBindings extends AccountBindings {
  async check(manager: EntityManager, binding: AccountBinding): Promise<void> {
    if (binding.organisationId) {
      const found = await manager.exists(OrganisationEntity, {
        where: { id: binding.organisationId },
      });
      if (!found)
        throw RequestValidationError.field('organisationId', 'no organisation has this id');
    }
    if (binding.adminUnitId) {
      const unit = await manager.findOne(AdminUnitEntity, {
        where: { id: binding.adminUnitId },
        select: { id: true, level: true },
      });
      if (!unit)
        throw RequestValidationError.field('adminUnitId', 'no administrative unit has this id');
      if (unit.level === 'province') {
        throw RequestValidationError.field(
          'adminUnitId',
          'must be a district or a commune, not a province',
        );
      }
    }
  }
}

/** Global so the platform's accounts receive the port without importing the registry. */
@Global()
@Module({
  providers: [{ provide: AccountBindings, useClass: RegistryAccountBindings }],
  exports: [AccountBindings],
})
export class AccountBindingsModule {}
